package io.dialfleet.agent.vicidial;

import java.time.Duration;
import java.util.Optional;

/**
 * How the agent runs for a server whose phones VICIdial renders ({@code dialfleet.agent.vicidial.*}).
 *
 * @param rebuild        the operator's command that makes VICIdial rebuild now; empty: wait for VICIdial's cron
 * @param verifyDeadline how long the live state may take to match, from the end of the rebuild command
 */
public record VicidialSettings(Optional<RebuildCommand> rebuild, Duration verifyDeadline) {

    /** The default of {@code dialfleet.agent.vicidial.verify-deadline}: VICIdial's minute cron, twice, and a margin. */
    public static final Duration DEFAULT_VERIFY_DEADLINE = Duration.ofSeconds(150);

    /** No rebuild command, the default deadline. */
    public static VicidialSettings defaults() {
        return new VicidialSettings(Optional.empty(), DEFAULT_VERIFY_DEADLINE);
    }
}
