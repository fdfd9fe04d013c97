package io.dialfleet.agent.asterisk;

import java.util.List;

/**
 * The verifier's verdict.
 *
 * @param problems one line per kind that does not match, e.g. {@code pjsip: 2 of 5 endpoints missing: cc103, cc104}
 */
public record Verification(List<String> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems in one line, for the status event's {@code error}; empty when ok. */
    public String message() {
        return String.join("; ", problems);
    }
}
