package io.dialfleet.agent.vicidial;

import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.Sleeper;
import io.dialfleet.agent.asterisk.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Looks at Asterisk's live state until it matches or a deadline passes: VICIdial rebuilds and reloads on its own
 * schedule, so a mismatch only means "not yet" until the deadline. The pause grows from 1 s to 5 s, so that a
 * server of thousands of phones is not listed every second for minutes.
 */
final class LiveStateWait {

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Function<ExpectedLiveState, Verification> check;
    private final Clock clock;
    private final Sleeper sleeper;

    LiveStateWait(Function<ExpectedLiveState, Verification> check, Clock clock, Sleeper sleeper) {
        this.check = check;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** @return the first verification that matched, or the last one when {@code deadline} passed */
    Verification until(ExpectedLiveState expected, Duration deadline) throws InterruptedException {
        Instant end = clock.instant().plus(deadline);
        Duration pause = FIRST_PAUSE;
        Verification verification = check.apply(expected);
        while (!verification.ok()) {
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return verification;
            }
            sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
            verification = check.apply(expected);
        }
        return verification;
    }
}
