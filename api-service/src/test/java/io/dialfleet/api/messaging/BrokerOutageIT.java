package io.dialfleet.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.infra.TopicTail;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.DialfleetInfraResource;
import io.dialfleet.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox under a broker outage: the API keeps answering, and once the broker is back every
 * event arrives — none lost, and in order (per server for refresh requests, by change sequence per partition).
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class BrokerOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITES = 200;

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void brokerBack() {
        DialfleetInfraResource.infrastructure().kafka().start();
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveInOrderAfterItReturns() throws Exception {
        Fixture.reset(base.getPort());
        ApiClient api = new ApiClient(base.getPort());
        KafkaBroker broker = DialfleetInfraResource.infrastructure().kafka();
        String bootstrap = broker.bootstrapServers();
        try (var changes = new TopicTail(bootstrap, Topics.PHONE_CHANGES);
                var requests = new TopicTail(bootstrap, Topics.REFRESH_REQUESTS)) {
            for (int i = 0; i < WRITES; i++) {
                if (i == WRITES / 4) {
                    broker.stop();
                }
                if (i == 3 * WRITES / 4) {
                    // Down for longer than the producer's delivery timeout: sends fail and the relay must retry.
                    Thread.sleep(2 * deliveryTimeoutMillis());
                    assertThat(readiness().status()).as("the API stays in service while Kafka is down: %s",
                            readiness().bodyText()).isEqualTo(200);
                    broker.start();
                }
                assertThat(api.addPhone(extension(i)).bodyText()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
            }

            var auditRecords = changes.awaitDistinct(r -> r.key().startsWith("10.10.10.15/out"), BrokerOutageIT::eventId,
                    WRITES, Duration.ofSeconds(120));
            var audit = unique(auditRecords);
            var refresh = unique(requests.awaitDistinct(r -> r.key().equals("10.10.10.15"), BrokerOutageIT::eventId,
                    WRITES, Duration.ofSeconds(60)));

            assertThat(audit.keySet()).hasSize(WRITES);
            assertThat(refresh.keySet()).hasSize(WRITES);
            List<Long> revisions = new ArrayList<>();
            refresh.values().forEach(request -> revisions.add(request.get("revision").asLong()));
            assertThat(revisions).as("one server's refresh requests arrive in revision order").isSorted();
            assertThat(revisions).doesNotHaveDuplicates();
            assertThat(Database.render("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isEqualTo("0");
            assertThat(Database.render("SELECT count(*) FROM phones WHERE extension LIKE 'out%'"))
                    .isEqualTo(String.valueOf(WRITES));
            assertSequencedPerPartition(auditRecords);
        }
    }

    /** The first copy of each event in arrival order (delivery is at-least-once; consumers deduplicate by id). */
    private static Map<String, JsonNode> unique(List<ConsumerRecord<String, String>> records) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            byId.putIfAbsent(event.get("eventId").asText(), event);
        }
        return byId;
    }

    private static void assertSequencedPerPartition(List<ConsumerRecord<String, String>> records) throws IOException {
        Map<Integer, Long> last = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            if (seen.put(event.get("eventId").asText(), true) != null) {
                continue;
            }
            long sequence = event.get("changeSeq").asLong();
            Long previous = last.put(record.partition(), sequence);
            assertThat(previous == null || previous < sequence)
                    .as("changeSeq %d after %d on partition %d", sequence, previous, record.partition())
                    .isTrue();
        }
    }

    private RawHttp.Response readiness() throws IOException {
        return RawHttp.send(base.getPort(), "GET", "/q/health/ready", "", new byte[0]);
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("eventId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deliveryTimeoutMillis() {
        return ConfigProvider.getConfig().getValue("mp.messaging.outgoing.outbox.delivery.timeout.ms", Long.class);
    }

    private static String extension(int i) {
        return String.format("out%04d", i);
    }
}
