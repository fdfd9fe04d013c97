package io.dialfleet.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.events.Actor;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.RefreshReason;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.ServerRefreshRequested;
import io.dialfleet.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged agent's wiring, in Quarkus, against a real Kafka broker, a real HTTP api-service stand-in and the
 * stand-in Asterisk over real AMI: the start-up run fetches through an api-service outage, the listener acts only on
 * its own server's records, an unreadable record goes to the dead-letter topic without stopping the consumer, and
 * readiness follows the runs.
 */
@QuarkusTest
@WithTestResource(AgentStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentWiringTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    AgentStack.Parts stack;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @Test
    @Order(1)
    void theStartupRunFetchesThroughAnApiServiceOutageWithBackoff() {
        ServerRefreshCompleted startup = awaitStatus(status -> status.requestIds().isEmpty());

        assertThat(startup.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(startup.revision()).isEqualTo(1);
        List<StubApiService.Request> requests = stack.api().requests();
        assertThat(requests).extracting(StubApiService.Request::status).startsWith(503, 503, 200);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/internal/v1/servers/" + AgentStack.SERVER_IP + "/peer-config");
            assertThat(request.authorization()).isEqualTo("Bearer " + AgentStack.TOKEN);
        });
        assertThat(stack.confDir().resolve("dialfleet-sip.conf")).content().contains("[cc101]");
        assertThat(stack.asterisk().reloads()).contains("module reload chan_sip.so");
    }

    @Test
    @Order(2)
    void readinessIsUpOnceTheStartupRunAppliedAndThePartitionsAreHeld() throws Exception {
        JsonNode ready = awaitReadiness(200);

        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(checks(ready)).containsEntry("last-refresh", "UP").containsEntry("asterisk-login", "UP")
                .containsEntry("refresh-requests-partitions", "UP");
    }

    @Test
    @Order(3)
    void requestsKeyedByAnotherServerAreIgnored() throws Exception {
        awaitReadiness(200);
        int fetches = stack.api().requests().size();
        UUID theirs = UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        stack.api().serve(AgentStack.snapshot(2));

        send("10.99.0.1", EventJson.write(request(theirs, "10.99.0.1", 2)));
        send(AgentStack.SERVER_IP, EventJson.write(request(ours, AgentStack.SERVER_IP, 2)));

        // One partition: by the time ours is answered, theirs was read.
        ServerRefreshCompleted answered = awaitStatus(status -> status.requestIds().contains(ours));
        assertThat(answered.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(answered.requestIds()).containsExactly(ours);
        assertThat(statuses()).noneMatch(status -> status.requestIds().contains(theirs));
        assertThat(stack.api().requests()).hasSize(fetches + 1);
        assertThat(Files.readString(stack.confDir().resolve("dialfleet-sip.conf"))).contains("[cc102]");
    }

    @Test
    @Order(4)
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextRequestIsServed() {
        String unreadable = "{\"this is\": not an event";
        String wrongServer = EventJson.write(request(UUID.randomUUID(), "10.99.0.2", 3));
        UUID next = UUID.randomUUID();
        stack.api().serve(AgentStack.snapshot(3));

        send(AgentStack.SERVER_IP, unreadable);
        send(AgentStack.SERVER_IP, wrongServer);
        send(AgentStack.SERVER_IP, EventJson.write(request(next, AgentStack.SERVER_IP, 3)));

        assertThat(awaitStatus(status -> status.requestIds().contains(next)).outcome())
                .isEqualTo(RefreshOutcome.APPLIED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(read(Topics.REFRESH_REQUESTS + ".dlq"))
                .extracting(ConsumerRecord::value).containsExactly(unreadable, wrongServer));
    }

    @Test
    @Order(5)
    void aRefusedFetchFailsAtOnceAndReadinessIsDownUntilARunApplies() throws Exception {
        int fetches = stack.api().requests().size();
        stack.api().answerNext(403);
        UUID refused = UUID.randomUUID();

        send(AgentStack.SERVER_IP, EventJson.write(request(refused, AgentStack.SERVER_IP, 4)));

        ServerRefreshCompleted failed = awaitStatus(status -> status.requestIds().contains(refused));
        assertThat(failed.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(failed.error()).contains("refused", "HTTP 403").doesNotContain(AgentStack.TOKEN);
        assertThat(stack.api().requests()).as("no retry after a refusal").hasSize(fetches + 1);
        JsonNode notReady = awaitReadiness(503);
        assertThat(checks(notReady)).containsEntry("last-refresh", "DOWN");

        UUID again = UUID.randomUUID();
        stack.api().serve(AgentStack.snapshot(4));
        send(AgentStack.SERVER_IP, EventJson.write(request(again, AgentStack.SERVER_IP, 4)));

        assertThat(awaitStatus(status -> status.requestIds().contains(again)).outcome())
                .isEqualTo(RefreshOutcome.APPLIED);
        assertThat(checks(awaitReadiness(200))).containsEntry("last-refresh", "UP");
    }

    // ---------------------------------------------------------------- helpers

    private static ServerRefreshRequested request(UUID requestId, String serverIp, long revision) {
        return new ServerRefreshRequested(ServerRefreshRequested.SCHEMA_VERSION, UUID.randomUUID(), requestId,
                serverIp, revision, RefreshReason.PHONE_CHANGED, false, Instant.now(),
                new Actor("6666", "test", "127.0.0.1", "update_phone"));
    }

    private void send(String key, String value) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", stack.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REFRESH_REQUESTS, key, value));
        }
    }

    private List<ConsumerRecord<String, String>> read(String topic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", stack.kafka().bootstrapServers());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            if (consumer.listTopics().get(topic) == null) {
                return records;
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private List<ServerRefreshCompleted> statuses() {
        return read(Topics.REFRESH_STATUS).stream()
                .map(record -> EventJson.read(record.value(), ServerRefreshCompleted.class)).toList();
    }

    private ServerRefreshCompleted awaitStatus(Predicate<ServerRefreshCompleted> wanted) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> statuses().stream().filter(wanted).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    private JsonNode awaitReadiness(int status) {
        HttpClient http = HttpClient.newHttpClient();
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness.toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == status ? JSON.readTree(response.body()) : null;
        }, body -> body != null);
    }

    private static Map<String, String> checks(JsonNode health) {
        Map<String, String> checks = new HashMap<>();
        health.get("checks").forEach(check -> checks.put(check.get("name").asText(), check.get("status").asText()));
        return checks;
    }
}
