package io.dialfleet.agent.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies once the reloads are over, and keeps looking while the live state may still be changing: a check that
 * raced a reload must never pass for a failure. Once the end is confirmed, a mismatch is looked at again for a short
 * grace and then stands; when the end is unknown, the live state is polled until it matches or the completion
 * timeout passes; when the signal did not come, a mismatch is reported as unsettled (the caller neither rolls back
 * nor leaves phones out on it).
 */
public final class SettledVerifier {

    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

    private final LiveStateCheck check;
    private final Duration grace;
    private final Clock clock;
    private final Sleeper sleeper;

    public SettledVerifier(LiveStateCheck check, Duration grace) {
        this(check, grace, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public SettledVerifier(LiveStateCheck check, Duration grace, Clock clock, Sleeper sleeper) {
        this.check = Objects.requireNonNull(check, "check");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * @param settled whether the verdict stands: false only when the completion signal did not come and the live
     *                state still does not match
     */
    public record Result(Verification verification, boolean settled) {
    }

    public Result verify(ExpectedLiveState expected, ReloadCompletion.State completion, Duration timeout)
            throws InterruptedException {
        Duration budget = completion == ReloadCompletion.State.CONFIRMED ? grace : timeout;
        Instant deadline = clock.instant().plus(budget);
        Duration pause = FIRST_POLL;
        Verification verification = check.verify(expected);
        while (!verification.ok()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? pause.multipliedBy(2) : LONGEST_POLL;
            verification = check.verify(expected);
        }
        return new Result(verification, verification.ok() || completion != ReloadCompletion.State.NOT_CONFIRMED);
    }
}
