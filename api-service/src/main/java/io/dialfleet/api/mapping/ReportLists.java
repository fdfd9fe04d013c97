package io.dialfleet.api.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dialfleet.events.EventJson;
import java.util.List;

/**
 * The JSON arrays stored from a report's {@code warnings} and {@code excluded} (V10) as the API's lists; no report yet
 * (null) is an empty list.
 */
final class ReportLists {

    private static final TypeReference<List<String>> WARNINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<ExcludedPhoneStatus>> EXCLUDED = new TypeReference<>() {
    };

    private ReportLists() {
    }

    static List<String> warnings(String json) {
        return read(json, WARNINGS);
    }

    static List<ExcludedPhoneStatus> excluded(String json) {
        return read(json, EXCLUDED);
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            List<T> list = EventJson.mapper().readValue(json, type);
            return list == null ? List.of() : List.copyOf(list);
        } catch (JsonProcessingException e) {
            // Only the status consumer writes these columns, from lists it serialized itself.
            throw new IllegalStateException("a stored report list is not the JSON the consumer writes", e);
        }
    }
}
