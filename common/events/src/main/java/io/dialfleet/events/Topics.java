package io.dialfleet.events;

/** Default Kafka topic names (events.md). Each service lets the operator override them. */
public final class Topics {

    /** Audit: every phone and alias change, secrets masked. Key {@code <server_ip>/<extension>} or {@code alias/<alias_id>}. */
    public static final String PHONE_CHANGES = "dialfleet.phone-changes";

    /** {@link ServerRefreshRequested}, key {@code <server_ip>}. */
    public static final String REFRESH_REQUESTS = "dialfleet.refresh-requests";

    /** {@link ServerRefreshCompleted}, key {@code <server_ip>}. */
    public static final String REFRESH_STATUS = "dialfleet.refresh-status";

    /** Suffix of the dead-letter topic of a consumed topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String phoneKey(String serverIp, String extension) {
        return serverIp + "/" + extension;
    }

    public static String aliasKey(String aliasId) {
        return "alias/" + aliasId;
    }
}
