package io.dialfleet.api.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The fleet page ({@code /fleet}). */
@ConfigMapping(prefix = "dialfleet.fleet-page")
public interface FleetPageConfig {

    /** How many of the refresh requests made last the page lists, each with its per-server results. */
    @WithDefault("20")
    int recentRequests();

    /**
     * How often an open page's event stream looks for a change in the fleet (one small query per open page); the
     * page updates at most this long after an agent reported or a change raised a revision, on any replica.
     */
    @WithDefault("PT1S")
    Duration changePollInterval();
}
