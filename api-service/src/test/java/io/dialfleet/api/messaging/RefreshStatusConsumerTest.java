package io.dialfleet.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.events.EventJson;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshStatusConsumerTest {

    private static final ServerRefreshCompleted REPORT = new ServerRefreshCompleted(1, UUID.randomUUID(),
            "10.10.10.15", "agent", List.of(UUID.randomUUID()), 57, RefreshOutcome.APPLIED,
            new ServerRefreshCompleted.PeerCounts(212, 3, 0), List.of(), List.of(), false, null, List.of(), List.of(),
            Instant.parse("2026-11-22T10:15:30Z"), Instant.parse("2026-11-22T10:15:31Z"), 1000);

    @Test
    void readsAReportAndIgnoresFieldsItDoesNotKnow() {
        String json = EventJson.write(REPORT).replaceFirst("\\{", "{\"newField\":{\"x\":1},");
        assertThat(RefreshStatusConsumer.parse(json)).isEqualTo(REPORT);
    }

    @Test
    void refusesWhatIsNotAReport() {
        assertThatThrownBy(() -> RefreshStatusConsumer.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshStatusConsumer.parse("null")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshStatusConsumer.parse("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshStatusConsumer.parse(EventJson.write(REPORT).replace("\"APPLIED\"", "\"DONE\"")))
                .isInstanceOf(IllegalArgumentException.class);
        for (String required : List.of("eventId", "serverIp", "outcome", "finishedAt")) {
            String without = EventJson.write(REPORT).replaceFirst("\"" + required + "\":[^,]*,", "");
            assertThatThrownBy(() -> RefreshStatusConsumer.parse(without)).as(required)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
