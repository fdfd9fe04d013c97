package io.dialfleet.agent.render;

/**
 * The line grammar Asterisk's config reader ({@code main/config.c}) must see in a dialfleet file, shared by the
 * renderer (template and override lines) and {@link ConfValidator}. Reasons never quote the line: it may hold a
 * secret.
 */
final class ConfSyntax {

    /**
     * Longest line we write, in UTF-8 bytes. Asterisk reads lines into an 8 KiB buffer and skips longer ones (older
     * releases split them, and the tail can then read as a broken section header); we stay well below.
     */
    static final int MAX_LINE_BYTES = 4096;

    static final String NOT_AN_ENTRY = "not a key=value or key => value line";
    static final String SEMICOLON_IN_ENTRY = "';' inside an entry would start a comment";

    private ConfSyntax() {
    }

    /** Characters of an entry's key: enough for {@code endpoint/allow}, {@code aor/max_contacts}, mailbox numbers. */
    static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '/';
    }

    /** Characters of a section name ({@code [A-Za-z0-9_-]+}, docs/spec/conf-generation.md "Safety"). */
    static boolean isSectionChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    static boolean isBlank(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a line is not a plain entry ({@code key=value} or {@code key => value}, blanks around the key allowed), or
     * null when it is one. The key must not start a section ({@code [}), a directive ({@code #include},
     * {@code #exec}) or a comment, and the value must hold no {@code ;}, NUL or CR.
     */
    static String entryProblem(CharSequence line) {
        return entryProblem(line, 0, line.length());
    }

    /** {@link #entryProblem(CharSequence)} for the line {@code text[from, to)}. */
    static String entryProblem(CharSequence line, int from, int to) {
        int n = to;
        int i = skipBlanks(line, from, to);
        int keyStart = i;
        while (i < n && isKeyChar(line.charAt(i))) {
            i++;
        }
        if (i == keyStart) {
            return NOT_AN_ENTRY;
        }
        i = skipBlanks(line, i, to);
        if (i >= n || line.charAt(i) != '=') {
            return NOT_AN_ENTRY;
        }
        for (i++; i < n; i++) {
            char c = line.charAt(i);
            if (c == ';') {
                return SEMICOLON_IN_ENTRY;
            }
            if (c == '\0' || c == '\r' || c == '\n') {
                return "NUL or line break inside an entry";
            }
        }
        return null;
    }

    /**
     * Why a line may not appear in a rendered file, or null when it may: blank, a {@code ;} comment (not the
     * {@code ;--} block-comment opener, which would hide every line up to the next {@code --;}), a section header
     * {@code [name]} at the start of the line, or an entry.
     */
    static String lineProblem(CharSequence line) {
        return lineProblem(line, 0, line.length());
    }

    /** {@link #lineProblem(CharSequence)} for the line {@code text[from, to)}. */
    static String lineProblem(CharSequence line, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '\0') {
                return "NUL character";
            }
            if (c == '\r') {
                return "carriage return (files use LF line endings)";
            }
        }
        int first = skipBlanks(line, from, to);
        if (first == to) {
            return null;
        }
        char c = line.charAt(first);
        if (c == ';') {
            boolean blockOpener = startsWith(line, first, to, ";--") && !startsWith(line, first, to, ";---");
            return blockOpener ? "';--' opens a block comment" : null;
        }
        if (c == '[') {
            return first == from && isSectionHeader(line, from, to) ? null
                    : "section header must be [name] at the start of the line, name of A-Z a-z 0-9 _ -";
        }
        if (c == '#') {
            return "directive lines (#include, #exec) are not allowed";
        }
        return entryProblem(line, from, to);
    }

    private static boolean isSectionHeader(CharSequence line, int from, int to) {
        if (to - from < 3 || line.charAt(from) != '[' || line.charAt(to - 1) != ']') {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            if (!isSectionChar(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(CharSequence line, int from, int to) {
        int i = from;
        while (i < to && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(CharSequence line, int at, int to, String prefix) {
        if (to - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 length of a line, counted without allocating. */
    static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
