package io.dialfleet.agent.render;

/**
 * One reason a rendered file must not be installed.
 *
 * @param line   1-based line number in the file
 * @param reason what is wrong, never the line's text (it may hold a secret)
 */
public record ConfProblem(int line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
