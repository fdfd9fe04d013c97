package io.dialfleet.api.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The refresh-status consumer's checks of the agents' reports and its handling of records it fails to store. */
@ConfigMapping(prefix = "dialfleet.refresh-status")
public interface StatusConsumerConfig {

    /**
     * How many times a report is stored again after a database failure before it goes to the dead-letter topic (0:
     * never); a record that is not a valid ServerRefreshCompleted goes there at once.
     */
    @WithDefault("5")
    int retries();

    /** The first wait before storing again; it doubles on each retry, up to ten times this. */
    @WithDefault("PT0.5S")
    Duration retryBackoff();

    /**
     * How far in the future a report's {@code finishedAt} may lie (agents' clocks drift); a report finishing later
     * is rejected and counted.
     */
    @WithDefault("PT5M")
    Duration maxClockSkew();
}
