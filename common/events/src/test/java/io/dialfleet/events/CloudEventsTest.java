package io.dialfleet.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

    @Test
    void headersAreTheSixOfEventsMdWithTheInstantAsWritten() {
        UUID id = UUID.fromString("6f9c1c4e-2d0b-4a57-9f55-0c1f0f1b8a11");

        Map<String, String> headers = CloudEvents.headers(id, "io.dialfleet.phone.updated", "/dialfleet/api-service",
                Instant.parse("2026-11-22T10:15:30.120Z"));

        assertThat(headers).containsExactly(Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", "6f9c1c4e-2d0b-4a57-9f55-0c1f0f1b8a11"),
                Map.entry("ce_type", "io.dialfleet.phone.updated"), Map.entry("ce_source", "/dialfleet/api-service"),
                Map.entry("ce_time", "2026-11-22T10:15:30.120Z"), Map.entry("content-type", "application/json"));
    }
}
