package io.dialfleet.agent.asterisk;

import java.util.List;

/**
 * The verifier's verdict.
 *
 * @param problems  one line per thing that does not match, e.g. {@code pjsip: 2 of 5 endpoints missing: cc103, cc104}
 * @param failed    the rendered objects named by those problems, each with why it does not work
 * @param otherwise problems that name no rendered object (an unreadable answer, a removed peer still live, an
 *                  extension nobody rendered), also counted in {@code problems}
 */
public record Verification(List<String> problems, List<FailedObject> failed, List<String> otherwise) {

    public Verification {
        problems = List.copyOf(problems);
        failed = List.copyOf(failed);
        otherwise = List.copyOf(otherwise);
    }

    /** A verdict whose problems name no object. */
    public Verification(List<String> problems) {
        this(problems, List.of(), problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems in one line, for the status event's {@code error}; empty when ok. */
    public String message() {
        return String.join("; ", problems);
    }

    /**
     * True when every problem is about rendered objects, so that leaving their phones out can make the rest apply;
     * false when something else is wrong too.
     */
    public boolean onlyFailedObjects() {
        return !failed.isEmpty() && otherwise.isEmpty();
    }

    /**
     * One rendered object that is not live as rendered.
     *
     * @param name   the section, extension or mailbox name as rendered
     * @param reason what Asterisk shows instead, in words; never a secret
     */
    public record FailedObject(LiveKind kind, String name, String reason) {
    }
}
