package io.dialfleet.agent.render;

import java.util.regex.Pattern;

/** How Asterisk parses numeric option values ({@code ast_parse_arg} in {@code main/config.c}). */
final class AsteriskNumbers {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** What {@code strtod} consumes entirely: sign, digits with an optional point, optional exponent. */
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private AsteriskNumbers() {
    }

    /**
     * {@code PARSE_UINT32}: leading blanks skipped, no {@code -}, then {@code strtoul(…, 0)} must consume everything
     * (so {@code 0x1f} and octal {@code 017} count) and stay within 32 bits.
     *
     * @return the value, or -1 when Asterisk refuses the text
     */
    static long parseUint32(String text) {
        String digits = text.stripLeading();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("-")) {
            return -1;
        }
        int radix = 10;
        if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return -1;
            }
        }
        long value = Long.parseLong(digits, radix);
        return value > UINT32_MAX ? -1 : value;
    }

    /** {@code PARSE_DOUBLE}: the whole text is one decimal number. */
    static boolean isDouble(String text) {
        return DOUBLE.matcher(text.strip()).matches();
    }
}
