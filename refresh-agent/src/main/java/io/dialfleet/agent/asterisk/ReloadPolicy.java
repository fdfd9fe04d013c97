package io.dialfleet.agent.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait out a busy Asterisk (docs/spec/conf-generation.md, "Safety": "Busy" is not a failure; retry with backoff for
 * a budget of minutes, not seconds — a policy of "10 retries, 1 s apart" gives up while Asterisk is still working).
 *
 * @param busyBudget   how long one reload command may stay busy, counted from its first attempt
 * @param firstBackoff the first wait; each next one doubles
 * @param maxBackoff   the longest single wait
 */
public record ReloadPolicy(Duration busyBudget, Duration firstBackoff, Duration maxBackoff) {

    public static final Duration DEFAULT_BUSY_BUDGET = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    public ReloadPolicy {
        Objects.requireNonNull(busyBudget, "busyBudget");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (busyBudget.isNegative() || firstBackoff.isNegative() || firstBackoff.isZero()
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("invalid reload policy: " + busyBudget + ", " + firstBackoff + ", "
                    + maxBackoff);
        }
    }

    /** 5 minutes of budget, waits of 0.5 s doubling up to 10 s. */
    public static ReloadPolicy defaults() {
        return new ReloadPolicy(DEFAULT_BUSY_BUDGET, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** The defaults with another budget. */
    public static ReloadPolicy withBudget(Duration busyBudget) {
        return new ReloadPolicy(busyBudget, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
    }
}
