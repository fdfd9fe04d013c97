package io.dialfleet.agent.asterisk;

import java.util.List;

/**
 * What a {@code module reload} answer means (docs/spec/conf-generation.md, "Safety"; the texts are those of Asterisk's
 * {@code main/cli.c}). Anything else — normally {@code Module 'X' reloaded successfully.} — counts as reloaded, and
 * the live state is verified afterwards because even that answer is given for a broken file.
 */
enum ReloadAnswer {
    RELOADED,
    BUSY,
    FAILED;

    private static final List<String> FAILURES = List.of(
            "No such command",
            "No such module",
            "reported a reload failure",
            "was not properly initialized",
            // main/cli.c, AST_MODULE_RELOAD_NOT_IMPLEMENTED: nothing was reloaded
            "does not support reloads");

    private static final List<String> BUSY_ANSWERS = List.of(
            "A module reload request is already in progress; please be patient",
            "Asterisk cannot reload a module yet; request queued");

    static ReloadAnswer of(String text) {
        if (text.isBlank() || FAILURES.stream().anyMatch(text::contains)) {
            return FAILED;
        }
        if (BUSY_ANSWERS.stream().anyMatch(text::contains)) {
            return BUSY;
        }
        return RELOADED;
    }
}
