package io.dialfleet.agent.render;

/**
 * Which characters a phone's value may carry into a file, by where it lands (docs/spec/conf-generation.md, "Safety"). The spec's
 * rule is {@link Rule#VALUE} for every value and {@link Rule#NAME} for section names; the narrower rules cover places
 * where a character that passes {@code VALUE} would still change what Asterisk does beyond the value's own field:
 * <ul>
 * <li>dialplan text ({@code exten => <number>,…}, {@code Goto(<context>,<exten>,1)}) is executed: {@code ,} and
 * {@code )} add or end application arguments, {@code ${…}} is evaluated at call time, a leading {@code _} turns
 * the number into a pattern that catches other numbers;</li>
 * <li>a {@code voicemail.conf} line separates its fields with {@code ,} and its options with {@code |}, so either
 * in a password, an email or a time zone would add options such as {@code dialout=}.</li>
 * </ul>
 * The api-service's input filters (docs/spec/non-agent-api.md §3.1) already keep every API value inside these sets; they
 * matter for data that arrives by seed import.
 */
final class PeerSafety {

    /**
     * Longest name, dialplan number or mailbox. Asterisk itself stops at 80 (context and peer names); the cap keeps
     * every line made of such tokens far below {@link ConfSyntax#MAX_LINE_BYTES} without measuring it.
     */
    static final int MAX_TOKEN = 255;

    private PeerSafety() {
    }

    enum Rule {
        /** Any value: no CR, LF, NUL or {@code ;} (a {@code ;} starts a comment and cuts the value). */
        VALUE(" contains CR, LF, NUL or ';'", true),
        /** A field of a {@code voicemail.conf} line: {@link #VALUE}, and no {@code ,} or {@code |}. */
        VOICEMAIL_FIELD(" contains CR, LF, NUL, ';', ',' or '|'", true),
        /** A section or context name: {@code [A-Za-z0-9_-]+}. */
        NAME(" is not 1 to " + MAX_TOKEN + " characters of A-Z a-z 0-9 _ -", false),
        /** A dialplan extension: {@code [A-Za-z0-9*#+]+} (the API keeps {@code A-Z a-z 0-9 * #}). */
        DIALPLAN(" is not 1 to " + MAX_TOKEN + " characters of A-Z a-z 0-9 * # +", false),
        /** A mailbox number: {@code [A-Za-z0-9]+}, as the API keeps it. */
        MAILBOX(" is not 1 to " + MAX_TOKEN + " characters of A-Z a-z 0-9", false);

        private final String complaint;
        private final boolean free;

        /** @param free a free-text value: may be empty and has no length cap of its own (its line is measured) */
        Rule(String complaint, boolean free) {
            this.complaint = complaint;
            this.free = free;
        }

        boolean accepts(String value) {
            if (value.isEmpty()) {
                return free;
            }
            if (!free && value.length() > MAX_TOKEN) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                if (!accepts(value.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean accepts(char c) {
            return switch (this) {
                case VALUE -> c != '\r' && c != '\n' && c != '\0' && c != ';';
                case VOICEMAIL_FIELD -> c != '\r' && c != '\n' && c != '\0' && c != ';' && c != ',' && c != '|';
                case NAME -> ConfSyntax.isSectionChar(c);
                case DIALPLAN -> isAlphanumeric(c) || c == '*' || c == '#' || c == '+';
                case MAILBOX -> isAlphanumeric(c);
            };
        }

        /** The warning text for a field that breaks this rule; names the field, never the value. */
        String complaint(String field) {
            return field + complaint;
        }
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Header values (server id and address) go into a comment: only a line break or NUL could hurt there. */
    static boolean isSafeComment(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return false;
            }
        }
        return true;
    }
}
