package io.dialfleet.api.compat;

/**
 * The reply-line grammar of non_agent_api.php (docs/spec/non-agent-api.md §2.4, §4.1, §4.5, §4.7, §2.5, D2). Every body
 * the API sends is made here.
 */
public final class Replies {

    public static final String VERSION = "2.14-194";
    public static final String BUILD = "241004-1518";

    private static final String ERROR = "ERROR";
    private static final String NOTICE = "NOTICE";
    private static final String SUCCESS = "SUCCESS";

    private Replies() {
    }

    /** {@code ERROR: <reason>: |<user>|<data>}; the API log gets the same data. */
    public static Reply error(String reason, String user, String data) {
        return logged(ERROR + ": " + reason + ": |" + user + "|" + data + "\n", ERROR, reason, data);
    }

    /** {@code NOTICE: <reason>: |<user>|<data>}. */
    public static Reply notice(String reason, String user, String data) {
        return logged(NOTICE + ": " + reason + ": |" + user + "|" + data + "\n", NOTICE, reason, data);
    }

    /** {@code SUCCESS: <reason> - <user>|<data>}. */
    public static Reply success(String reason, String user, String data) {
        return logged(SUCCESS + ": " + reason + " - " + user + "|" + data + "\n", SUCCESS, reason, data);
    }

    /** The two-line reply of the source check (§4.7), logged with empty data. */
    public static Reply invalidSource(String source) {
        return logged("ERROR: Invalid Source - " + source + "\nERROR: Invalid Source: |" + source + "|\n",
                ERROR, "Invalid Source", "");
    }

    /** §2.5; {@code format=debug} appends VICIdial's runtime trailer. */
    public static Reply noFunctionSpecified(boolean debug, long runtimeSeconds) {
        String body = "ERROR: NO FUNCTION SPECIFIED\n";
        if (debug) {
            body += "\n<!-- script runtime: " + runtimeSeconds + " seconds -->\n</body>\n</html>\n";
        }
        return logged(body, ERROR, "NO FUNCTION SPECIFIED", "");
    }

    /** BAD login, never echoing the password (D1). No API-log row. */
    public static Reply loginIncorrect(String user) {
        return unlogged(200, "ERROR: Login incorrect, please try again: |" + user + "||BAD|\n");
    }

    public static Reply tooManyLoginAttempts(String user) {
        return unlogged(200, "ERROR: Too many login attempts, try again in 15 minutes: |" + user + "|LOCK|\n");
    }

    public static Reply ipNotAllowed(String clientIp) {
        return unlogged(200, "ERROR: Your IP Address is not allowed: " + clientIp + ": ||IPBLOCK|\n");
    }

    /** {@code version}: the line is also the API log's data. */
    public static Reply version(String date, long epoch, boolean dst, String tz, String tzNow) {
        String line = "VERSION: " + VERSION + "|BUILD: " + BUILD + "|DATE: " + date + "|EPOCH: " + epoch
                + "|DST: " + (dst ? 1 : 0) + "|TZ: " + tz + "|TZNOW: " + tzNow + "|";
        return new Reply(200, line + "\n", new Reply.ApiLogResult(SUCCESS, "", line));
    }

    /** The coffee names answer 418 with no trailing LF (§4.1). */
    public static Reply coffee(String function) {
        String body = "Coffee: " + function + "|Error 418 I'm a teapot";
        return new Reply(418, body, new Reply.ApiLogResult(ERROR, "", body));
    }

    /** D2: the database could not be read or written; nothing was changed and nothing is logged. */
    public static Reply databaseUnavailable(String function, String user) {
        return unlogged(503, "ERROR: " + function + " DATABASE IS UNAVAILABLE, TRY AGAIN LATER: |" + user + "|\n");
    }

    private static Reply logged(String body, String result, String reason, String data) {
        return new Reply(200, body, new Reply.ApiLogResult(result, reason, data));
    }

    private static Reply unlogged(int status, String body) {
        return new Reply(status, body, null);
    }
}
