package io.dialfleet.api.outbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dialfleet.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's JSON cut around the values only the writing statement knows: {@code of(json, "changeSeq", "revision")}
 * gives the text before the value of {@code changeSeq}, the text between it and the value of {@code revision}, and
 * the rest; the statement joins them with the numbers it assigns. The cuts are where Jackson's parser found those
 * top-level members (never a text search), so the joined payload is byte for byte what Jackson writes for the event
 * with those numbers. Why not {@code jsonb}: its text form reorders keys and adds spaces, which changes every
 * payload's text (consumers and tests read the compact form).
 */
final class PayloadSlots {

    private PayloadSlots() {
    }

    /**
     * @param json   an event as {@link EventJson} writes it, the slots' fields holding a number or null
     * @param fields top-level fields in the order they appear in {@code json}
     * @return {@code fields.length + 1} fragments
     */
    static List<String> of(String json, String... fields) {
        List<String> fragments = new ArrayList<>(fields.length + 1);
        int cut = 0;
        int next = 0;
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (next < fields.length && parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean slot = parser.currentName().equals(fields[next]);
                JsonToken value = parser.nextToken();
                if (slot) {
                    if (!value.isNumeric() && value != JsonToken.VALUE_NULL) {
                        throw new IllegalArgumentException(fields[next] + " is not a number");
                    }
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    fragments.add(json.substring(cut, start));
                    cut = start + parser.getText().length();
                    next++;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (next < fields.length) {
            throw new IllegalArgumentException("no top-level " + fields[next] + " after the fields before it");
        }
        fragments.add(json.substring(cut));
        return List.copyOf(fragments);
    }
}
