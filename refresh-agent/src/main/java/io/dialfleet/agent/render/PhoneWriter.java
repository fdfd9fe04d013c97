package io.dialfleet.agent.render;

import io.dialfleet.agent.render.PeerSafety.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, while one phone is written, the values that may not be written (problems: the phone is left out) and
 * the remarks to report if it is kept (notes). Checking at the moment of writing means exactly the written values are
 * checked.
 */
final class PhoneWriter {

    /** Lines shorter than this many chars cannot exceed the byte limit, whatever their characters. */
    private static final int SURELY_SHORT = ConfSyntax.MAX_LINE_BYTES / 3;

    private final String extension;
    private List<String> problems;
    private List<String> notes;

    PhoneWriter(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** The value when the rule accepts it; otherwise records the problem and gives "" (the output is discarded). */
    String checked(String value, String field, Rule rule) {
        String text = value == null ? "" : value;
        if (rule.accepts(text)) {
            return text;
        }
        problem(rule.complaint(field));
        return "";
    }

    /** Appends {@code key=value\n} after checking the value. */
    void entry(StringBuilder out, String key, String value, String field, Rule rule) {
        int start = out.length();
        out.append(key).append('=').append(checked(value, field, rule)).append('\n');
        lineEnded(out, start, field);
    }

    /** Records a line over the byte limit, blaming {@code what}. */
    void lineEnded(StringBuilder out, int lineStart, String what) {
        int chars = out.length() - lineStart - 1;
        if (chars > SURELY_SHORT
                && ConfSyntax.utf8Length(out, lineStart, out.length() - 1) > ConfSyntax.MAX_LINE_BYTES) {
            problem(what + " makes a line longer than " + ConfSyntax.MAX_LINE_BYTES + " bytes");
        }
    }

    /** Appends a template or override, or records why it may not be written. */
    void text(StringBuilder out, PreparedText text, String field) {
        if (text.problem() != null) {
            problem(field + " " + text.problem());
            return;
        }
        for (String line : text.lines()) {
            out.append(line).append('\n');
        }
    }

    void problem(String text) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }

    void note(String text) {
        if (notes == null) {
            notes = new ArrayList<>(1);
        }
        notes.add(text);
    }

    boolean failed() {
        return problems != null;
    }

    List<String> problems() {
        return problems == null ? List.of() : problems;
    }

    List<String> notes() {
        return notes == null ? List.of() : notes;
    }
}
