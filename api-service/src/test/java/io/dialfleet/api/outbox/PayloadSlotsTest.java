package io.dialfleet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PhoneChanged;
import io.dialfleet.events.RefreshReason;
import io.dialfleet.events.ServerRefreshRequested;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The statement joins the fragments with its numbers; the result must be what Jackson writes with them. */
class PayloadSlotsTest {

    private static final Actor ACTOR = new Actor("6666", "crm", "203.0.113.9", "add_phone");
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456789Z");

    @Test
    void aPhoneEventJoinedWithItsNumbersIsJacksonsTextByteForByte() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("extension", "cc101");
        row.put("revision", 0);
        row.put("conf_override", "note=\"changeSeq\":0,\nqualify=yes");
        UUID id = UUID.randomUUID();

        List<String> fragments = PayloadSlots.of(EventJson.write(phone(id, 0, 0L, row)), "changeSeq", "revision");

        assertThat(fragments).hasSize(3);
        assertThat(fragments.get(0) + 1842 + fragments.get(1) + 57 + fragments.get(2))
                .isEqualTo(EventJson.write(phone(id, 1842, 57L, row)));
    }

    @Test
    void anAliasEventGetsItsSequenceAndKeepsItsNullRevision() {
        UUID id = UUID.randomUUID();
        var alias = new PhoneChanged(1, id, AT, 0, ChangeAction.ADDED, ChangeEntity.ALIAS, null, null, "al1", null,
                ACTOR, List.of(), null, Map.of("alias_id", "al1"));

        List<String> fragments = PayloadSlots.of(EventJson.write(alias), "changeSeq");

        assertThat(fragments.get(0) + 9 + fragments.get(1)).isEqualTo(EventJson.write(
                new PhoneChanged(1, id, AT, 9, ChangeAction.ADDED, ChangeEntity.ALIAS, null, null, "al1", null, ACTOR,
                        List.of(), null, Map.of("alias_id", "al1"))));
    }

    @Test
    void aRefreshRequestGetsItsRevision() {
        UUID event = UUID.randomUUID();
        UUID request = UUID.randomUUID();

        List<String> fragments = PayloadSlots.of(EventJson.write(refresh(event, request, 0)), "revision");

        assertThat(fragments.get(0) + 4711 + fragments.get(1)).isEqualTo(EventJson.write(refresh(event, request, 4711)));
    }

    @Test
    void aMissingOrMisorderedFieldIsRefused() {
        String json = EventJson.write(refresh(UUID.randomUUID(), UUID.randomUUID(), 0));

        assertThatThrownBy(() -> PayloadSlots.of(json, "changeSeq")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadSlots.of(json, "revision", "requestId"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadSlots.of(json, "serverIp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serverIp is not a number");
    }

    private static PhoneChanged phone(UUID id, long changeSeq, Long revision, Map<String, Object> row) {
        return new PhoneChanged(1, id, AT, changeSeq, ChangeAction.ADDED, ChangeEntity.PHONE, "10.10.10.15", "cc101",
                null, revision, ACTOR, List.of(), null, row);
    }

    private static ServerRefreshRequested refresh(UUID event, UUID request, long revision) {
        return new ServerRefreshRequested(1, event, request, "10.10.10.15", revision, RefreshReason.PHONE_CHANGED,
                false, AT, ACTOR.withoutFunction());
    }
}
