package io.dialfleet.agent.vicidial;

/**
 * How the operator's rebuild command ended. Names the program only: its arguments and output may carry what a log
 * or an event must not (a database password on the command line, VICIdial's debug output with phone secrets).
 *
 * @param program  the file name of the command's first argument
 * @param ok       true when it exited with status 0 within its timeout
 * @param ending   {@code exit 0}, {@code exit 3}, {@code killed after PT1M} or {@code could not start: …}
 * @param millis   how long it ran
 * @param lastLine its output's last non-blank line, control characters replaced and cut short; empty when none
 */
public record RebuildResult(String program, boolean ok, String ending, long millis, String lastLine) {

    /** For the status event's warnings and error, e.g. {@code rebuild command vicidial-rebuild: exit 3}. */
    public String describe() {
        return "rebuild command " + program + ": " + ending;
    }
}
