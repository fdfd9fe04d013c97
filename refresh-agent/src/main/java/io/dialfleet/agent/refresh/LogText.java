package io.dialfleet.agent.refresh;

/**
 * Text from the data (an extension that arrived by seed import, a reason quoting Asterisk) made safe for one log
 * line: a control character would start a forged line or garble the terminal.
 */
final class LogText {

    /** Longer text is cut: a log line names a phone, it does not reproduce a 10,000-character field. */
    static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code value} with every control character as {@code ?}, cut to {@link #MAX_CHARS} with a trailing "…". */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        int length = Math.min(value.length(), MAX_CHARS);
        StringBuilder text = new StringBuilder(length + 1);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            text.append(Character.isISOControl(c) ? '?' : c);
        }
        if (value.length() > MAX_CHARS) {
            text.append('…');
        }
        return text.toString();
    }
}
