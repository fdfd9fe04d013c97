package io.dialfleet.agent.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A template's {@code template_contents} or a phone's {@code conf_override}, ready to be written verbatim line by
 * line (docs/spec/conf-generation.md, "Templates and overrides"). CR is removed (VICIdial's admin pages store CRLF) and blank
 * lines are dropped, so that a blank line in a dialfleet file always separates two sections. Every other line must
 * be a plain {@code key=value} / {@code key => value} entry free of {@code ;} and NUL: a section header, a directive
 * or a stray line would let the text escape its section.
 *
 * @param lines      the lines to write, without LF
 * @param problem    why the text must not be written (never quoting it), or null
 * @param wizardOnly whether every line is a PJSIP wizard line ({@code endpoint/…} or {@code aor/…})
 */
record PreparedText(List<String> lines, String problem, boolean wizardOnly) {

    static PreparedText of(String raw) {
        String text = raw.indexOf('\r') >= 0 ? raw.replace("\r", "") : raw;
        List<String> lines = new ArrayList<>();
        String problem = null;
        boolean wizardOnly = true;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            if (!ConfSyntax.isBlank(line)) {
                if (problem == null) {
                    problem = lineProblem(line);
                }
                wizardOnly &= isWizardLine(line);
                lines.add(line);
            }
            start = end + 1;
        }
        return new PreparedText(List.copyOf(lines), problem, wizardOnly);
    }

    private static String lineProblem(String line) {
        String entryProblem = ConfSyntax.entryProblem(line);
        if (ConfSyntax.SEMICOLON_IN_ENTRY.equals(entryProblem)) {
            return "has a line with ';'";
        }
        if (entryProblem != null) {
            return line.indexOf('\0') >= 0 ? "has a line with NUL" : "has a line that is not key=value or key => value";
        }
        if (ConfSyntax.utf8Length(line, 0, line.length()) > ConfSyntax.MAX_LINE_BYTES) {
            return "has a line longer than " + ConfSyntax.MAX_LINE_BYTES + " bytes";
        }
        return null;
    }

    private static boolean isWizardLine(String line) {
        String key = line.stripLeading();
        return key.startsWith("endpoint/") || key.startsWith("aor/");
    }
}
