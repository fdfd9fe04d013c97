package io.dialfleet.events;

/** CloudEvents 1.0 binary-mode attribute headers on every dialfleet record (events.md). */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    public static final String TYPE_REFRESH_REQUESTED = "io.dialfleet.server.refresh-requested";
    public static final String TYPE_REFRESH_COMPLETED = "io.dialfleet.server.refresh-completed";

    private CloudEvents() {
    }

    /** {@code io.dialfleet.phone.added}, {@code io.dialfleet.alias.deleted}, ... */
    public static String changeType(ChangeEntity entity, ChangeAction action) {
        return "io.dialfleet." + entity.name().toLowerCase() + "." + action.name().toLowerCase();
    }
}
