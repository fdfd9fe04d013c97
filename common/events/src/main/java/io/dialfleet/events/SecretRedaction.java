package io.dialfleet.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule that keeps secrets out of event payloads (events.md, "Secrets"): a row's secret columns
 * ({@link PhoneChanged#SECRET_COLUMNS}) become {@link PhoneChanged#MASK}, and in every text value — a phone's
 * {@code conf_override}, a template's contents, any column holding Asterisk configuration lines — the value of a
 * secret-like line becomes {@link PhoneChanged#MASK}. A line is secret-like when its key, compared without case,
 * contains {@code secret} or {@code password} ({@code secret=}, {@code md5secret=}, {@code remotesecret=},
 * {@code password=}), or is {@code auth} (chan_sip's {@code user:secret@realm}), {@code md5_cred} (PJSIP's auth
 * hash) or {@code register} ({@code user:secret@host}); {@code =} and {@code =>} both separate key and value.
 * Only events are redacted: the tables keep the real values, which the agents read through peer-config.
 */
public final class SecretRedaction {

    /** Key, separator and value of one configuration line; the line's own indentation and spacing are kept. */
    private static final Pattern LINE = Pattern.compile(
            "^([ \\t]*)([A-Za-z0-9_.-]+)([ \\t]*=>?[ \\t]*)([^\\r\\n]*)$", Pattern.MULTILINE);

    private SecretRedaction() {
    }

    /** A copy of a table row fit for an event; null stays null. */
    public static Map<String, Object> row(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.replaceAll((column, value) -> {
            if (PhoneChanged.SECRET_COLUMNS.contains(column)) {
                return PhoneChanged.MASK;
            }
            return value instanceof String text ? lines(text) : value;
        });
        return copy;
    }

    /** The text with the value of each secret-like line replaced by {@link PhoneChanged#MASK}. */
    public static String lines(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher line = LINE.matcher(text);
        StringBuilder redacted = new StringBuilder(text.length());
        boolean changed = false;
        while (line.find()) {
            if (isSecretKey(line.group(2)) && !line.group(4).isEmpty()) {
                line.appendReplacement(redacted, Matcher.quoteReplacement(
                        line.group(1) + line.group(2) + line.group(3) + PhoneChanged.MASK));
                changed = true;
            }
        }
        if (!changed) {
            return text;
        }
        line.appendTail(redacted);
        return redacted.toString();
    }

    static boolean isSecretKey(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.contains("secret") || name.contains("password") || name.equals("auth")
                || name.equals("md5_cred") || name.equals("register");
    }
}
