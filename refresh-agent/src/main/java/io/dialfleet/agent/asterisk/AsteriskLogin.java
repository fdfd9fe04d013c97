package io.dialfleet.agent.asterisk;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the agent can get in to its Asterisk: the AMI login (or, in CLI mode, the binary). Checked at start-up and
 * before every install, so that a wrong secret or a refused login shows in readiness and in the run's report before
 * any file changes — not as a reload failure after it.
 */
public final class AsteriskLogin {

    private final CommandRunner runner;
    private volatile Optional<String> lastProblem;

    public AsteriskLogin(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Logs in (or keeps the logged-in session) and remembers the answer; the problem, never with a secret. */
    public Optional<String> check() {
        Optional<String> problem;
        try {
            runner.checkAccess();
            problem = Optional.empty();
        } catch (AsteriskException e) {
            problem = Optional.of(e.getMessage());
        }
        lastProblem = problem;
        return problem;
    }

    /** The last check's problem; empty when it passed; null before the first check. */
    public Optional<String> lastProblem() {
        return lastProblem;
    }
}
