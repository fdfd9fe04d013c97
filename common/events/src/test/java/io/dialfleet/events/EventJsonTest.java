package io.dialfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final Actor actor = new Actor("6666", "crm", "203.0.113.9", "update_phone");

    @Test
    void phoneChangedRoundTripsWithDocumentedFieldNames() {
        var event = new PhoneChanged(1, UUID.randomUUID(), Instant.parse("2026-11-22T10:15:30.123Z"), 1842,
                ChangeAction.UPDATED, ChangeEntity.PHONE, "10.10.10.15", "cc101", null, 57L, actor,
                List.of("outbound_cid", "conf_secret"),
                Map.of("outbound_cid", "3125551001", "conf_secret", PhoneChanged.MASK),
                Map.of("outbound_cid", "3125559999", "conf_secret", PhoneChanged.MASK));

        String json = EventJson.write(event);

        assertThat(json).contains("\"occurredAt\":\"2026-11-22T10:15:30.123Z\"", "\"changeSeq\":1842",
                "\"aliasId\":null", "\"apiFunction\":\"update_phone\"", "\"schemaVersion\":1");
        assertThat(EventJson.read(json, PhoneChanged.class)).isEqualTo(event);
        assertThat(event.recordKey()).isEqualTo("10.10.10.15/cc101");
        assertThat(event.ceType()).isEqualTo("io.dialfleet.phone.updated");
    }

    @Test
    void readingIgnoresUnknownFields() {
        var request = new ServerRefreshRequested(1, UUID.randomUUID(), UUID.randomUUID(), "10.10.10.15", 57,
                RefreshReason.SERVER_REFRESH, true, Instant.now(), actor.withoutFunction());
        String json = EventJson.write(request).replace("{\"schemaVersion\"", "{\"futureField\":[1,2],\"schemaVersion\"");

        assertThat(EventJson.read(json, ServerRefreshRequested.class)).isEqualTo(request);
    }

    @Test
    void malformedJsonIsReportedWithTheTargetType() {
        assertThatThrownBy(() -> EventJson.read("{\"revision\":\"x\"", ServerRefreshRequested.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a ServerRefreshRequested");
    }

    @Test
    void aliasEventsUseTheAliasKeyAndType() {
        var event = new PhoneChanged(1, UUID.randomUUID(), Instant.now(), 1, ChangeAction.DELETED,
                ChangeEntity.ALIAS, null, null, "al100", null, actor, List.of(), Map.of("alias_id", "al100"), null);
        assertThat(event.recordKey()).isEqualTo("alias/al100");
        assertThat(event.ceType()).isEqualTo("io.dialfleet.alias.deleted");
    }
}
