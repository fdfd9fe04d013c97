package io.dialfleet.agent.vicidial;

import io.dialfleet.agent.asterisk.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How the agent runs for a server whose phones VICIdial renders ({@code dialfleet.agent.vicidial.*}).
 *
 * @param rebuild        the operator's command that makes VICIdial rebuild now; empty: wait for VICIdial's cron
 * @param verifyDeadline how long the live state may take to match, from the end of the rebuild command
 * @param clock          measures the deadline
 * @param sleeper        waits between two looks at the live state
 */
public record VicidialSettings(Optional<RebuildCommand> rebuild, Duration verifyDeadline, Clock clock,
        Sleeper sleeper) {

    /** The default of {@code dialfleet.agent.vicidial.verify-deadline}: VICIdial's minute cron, twice, and a margin. */
    public static final Duration DEFAULT_VERIFY_DEADLINE = Duration.ofSeconds(150);

    /** No rebuild command, the default deadline, real time. */
    public static VicidialSettings defaults() {
        return new VicidialSettings(Optional.empty(), DEFAULT_VERIFY_DEADLINE, Clock.systemUTC(), Sleeper.SYSTEM);
    }
}
