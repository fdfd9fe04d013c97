package io.dialfleet.api.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The series read from the database (outbox backlog, servers' revisions) and the status consumer's lag. */
@ConfigMapping(prefix = "dialfleet.metrics")
public interface MetricsConfig {

    /**
     * How often the outbox backlog, the servers' desired and applied revisions and the status consumer's lag are
     * read again; a scrape shows the last reading, so this bounds how stale they are.
     */
    @WithDefault("15s")
    Duration refreshInterval();
}
