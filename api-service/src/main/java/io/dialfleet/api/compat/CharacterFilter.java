package io.dialfleet.api.compat;

import java.util.function.UnaryOperator;

/**
 * VICIdial's {@code use_non_latin='0'} input filters (docs/spec/non-agent-api.md §3.1). Each keeps only the characters it
 * allows — every other character, and every non-ASCII byte, is removed — and a few then post-process.
 */
enum CharacterFilter {
    WORD(true, true, "-_"),
    ALPHANUMERIC(true, true, ""),
    DIGITS(true, false, ""),
    DIALPLAN(true, true, "*#"),
    SERVER_IP(true, true, ".-:_"),
    TIMEZONE(true, false, "-."),
    /** Caller ids keep digits only afterwards, unless the whole value is the literal {@code ---ALL---} (A42). */
    CALLER_ID(true, true, "-_", value -> "---ALL---".equals(value) ? value : DIGITS.apply(value)),
    FULL_NAME(true, true, " -+._"),
    /** The email filter keeps {@code +} and then turns it into a space (A24). */
    EMAIL(true, true, " -'+.:/@%_", value -> value.replace('+', ' ')),
    ALIAS_NAME(true, true, " -+.:/@_"),
    LOGIN_LIST(true, true, "-_,"),
    /** {@code Yes} becomes {@code Y}, {@code y} becomes empty (U13, U14). */
    UPPERCASE(false, false, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    LETTERS(false, true, "");

    private final boolean digits;
    private final boolean letters;
    private final String others;
    private final UnaryOperator<String> then;

    CharacterFilter(boolean digits, boolean letters, String others) {
        this(digits, letters, others, UnaryOperator.identity());
    }

    CharacterFilter(boolean digits, boolean letters, String others, UnaryOperator<String> then) {
        this.digits = digits;
        this.letters = letters;
        this.others = others;
        this.then = then;
    }

    String apply(String decoded) {
        StringBuilder kept = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (allows(c)) {
                kept.append(c);
            }
        }
        return then.apply(kept.toString());
    }

    private boolean allows(char c) {
        if (c >= '0' && c <= '9') {
            return digits;
        }
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            return letters || others.indexOf(c) >= 0;
        }
        return c < 128 && others.indexOf(c) >= 0;
    }
}
