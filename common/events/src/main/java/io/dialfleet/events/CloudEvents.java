package io.dialfleet.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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

    /**
     * The six headers of a record, in the order every dialfleet service writes them, as UTF-8 text (one Kafka header
     * each). Built here rather than by SmallRye's {@code OutgoingCloudEventMetadata}: in binary mode SmallRye also
     * writes {@code ce_datacontenttype} and formats {@code ce_time} with {@code ISO_OFFSET_DATE_TIME} (trailing zeros
     * of the fraction dropped), so its records would differ from docs/asyncapi.yaml's, where {@code ce_time} is the
     * payload's instant as {@link Instant#toString()} writes it.
     */
    public static Map<String, String> headers(UUID eventId, String type, String source, Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
        headers.put(HEADER_ID, eventId.toString());
        headers.put(HEADER_TYPE, type);
        headers.put(HEADER_SOURCE, source);
        headers.put(HEADER_TIME, time.toString());
        headers.put(HEADER_CONTENT_TYPE, CONTENT_TYPE);
        return headers;
    }

    /** {@code io.dialfleet.phone.added}, {@code io.dialfleet.alias.deleted}, ... */
    public static String changeType(ChangeEntity entity, ChangeAction action) {
        return "io.dialfleet." + entity.name().toLowerCase() + "." + action.name().toLowerCase();
    }
}
