package io.dialfleet.agent.asterisk;

import java.util.Optional;

/**
 * How one reload command went.
 *
 * @param millis   from the first attempt to the final answer, waits included
 * @param attempts how many times the command was sent (more than one when Asterisk was busy)
 * @param error    for a failure, Asterisk's answer or why there was none (for the status event's {@code error});
 *                 null when ok
 * @param unfinished for a failure, whether Asterisk may still be reloading: the budget ran out while it answered
 *                 "in progress" or did not answer in time (a reload removing thousands of PJSIP phones runs for
 *                 minutes); such a reload is waited for and checked later, never rolled back on
 */
public record ReloadResult(AsteriskCommand.ModuleReload command, boolean ok, long millis, int attempts, String error,
        boolean unfinished) {

    /** The command as sent, e.g. {@code module reload res_pjsip.so}. */
    public String commandText() {
        return command.text();
    }

    /** The failure text, when the reload failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(error);
    }
}
