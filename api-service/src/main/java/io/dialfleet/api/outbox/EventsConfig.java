package io.dialfleet.api.outbox;

import io.dialfleet.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the api-service publishes its events and which topic it reads the agents' reports from. */
@ConfigMapping(prefix = "dialfleet.events")
public interface EventsConfig {

    /** Topic of the PhoneChanged audit events. */
    @WithDefault(Topics.PHONE_CHANGES)
    String phoneChangesTopic();

    /** Topic of the ServerRefreshRequested events. */
    @WithDefault(Topics.REFRESH_REQUESTS)
    String refreshRequestsTopic();

    /**
     * Topic of the ServerRefreshCompleted events the agents publish; this service consumes it, and sends records it
     * cannot process to this name with {@code .dlq} appended.
     */
    @WithDefault(Topics.REFRESH_STATUS)
    String refreshStatusTopic();

    /** CloudEvents {@code ce_source} of the events this service writes. */
    @WithDefault("/dialfleet/api-service")
    String source();

    /**
     * Whether a phone change asks its server's agent to rebuild at once; false leaves rebuilds to
     * {@code server_refresh} (for bulk imports). The rebuild flag and the revision are kept either way.
     */
    @WithDefault("true")
    boolean refreshOnPhoneChange();
}
