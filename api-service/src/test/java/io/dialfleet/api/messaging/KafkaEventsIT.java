package io.dialfleet.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.infra.TopicTail;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches Kafka after API calls: keys, CloudEvents headers and payloads (events.md), through a real broker. */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class KafkaEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private ApiClient api;
    private String bootstrap;

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        api = new ApiClient(base.getPort());
        bootstrap = DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap();
    }

    @Test
    void addPhoneYieldsOneAuditEventAndOneRefreshRequest() throws Exception {
        try (var changes = new TopicTail(bootstrap, Topics.PHONE_CHANGES);
                var requests = new TopicTail(bootstrap, Topics.REFRESH_REQUESTS)) {
            var reply = api.addPhone("cc7101");
            assertThat(reply.bodyText()).isEqualTo("SUCCESS: add_phone PHONE HAS BEEN ADDED - 6666|cc7101|10.10.10.15|SIP|cc7101\n");

            var audit = changes.await(r -> r.key().equals("10.10.10.15/cc7101"), 1, Duration.ofSeconds(20));
            String requestId = reply.headers().get("x-dialfleet-request-id");
            var refresh = requests.await(r -> r.value().contains(requestId), 1, Duration.ofSeconds(20));
            assertThat(changes.drain(r -> r.key().equals("10.10.10.15/cc7101"), Duration.ofSeconds(1))).hasSize(1);
            assertThat(requests.drain(r -> r.key().equals("10.10.10.15"), Duration.ofMillis(200))).hasSize(1);

            ConsumerRecord<String, String> event = audit.get(0);
            JsonNode phone = JSON.readTree(event.value());
            assertThat(headers(event)).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", "io.dialfleet.phone.added")
                    .containsEntry("ce_id", phone.get("eventId").asText())
                    .containsEntry("ce_source", "/dialfleet/api-service")
                    .containsEntry("content-type", "application/json")
                    .containsKey("ce_time");
            assertThat(phone.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(phone.get("action").asText()).isEqualTo("ADDED");
            assertThat(phone.get("entity").asText()).isEqualTo("PHONE");
            assertThat(phone.get("serverIp").asText()).isEqualTo("10.10.10.15");
            assertThat(phone.get("extension").asText()).isEqualTo("cc7101");
            assertThat(phone.get("changeSeq").asLong()).isPositive();
            assertThat(phone.get("before").isNull()).isTrue();
            assertThat(phone.get("after").get("login").asText()).isEqualTo("cc7101");
            assertThat(phone.get("after").get("pass").asText()).isEqualTo("***");
            assertThat(phone.get("after").get("conf_secret").asText()).isEqualTo("***");
            assertThat(phone.get("actor").get("user").asText()).isEqualTo("6666");
            assertThat(phone.get("actor").get("source").asText()).isEqualTo("test");
            assertThat(phone.get("actor").get("clientIp").asText()).isEqualTo("127.0.0.1");
            assertThat(phone.get("actor").get("apiFunction").asText()).isEqualTo("add_phone");

            ConsumerRecord<String, String> requestRecord = refresh.get(0);
            JsonNode request = JSON.readTree(requestRecord.value());
            assertThat(requestRecord.key()).isEqualTo("10.10.10.15");
            assertThat(headers(requestRecord)).containsEntry("ce_type", "io.dialfleet.server.refresh-requested")
                    .containsEntry("ce_id", request.get("eventId").asText());
            assertThat(request.get("reason").asText()).isEqualTo("PHONE_CHANGED");
            assertThat(request.get("force").asBoolean()).isFalse();
            assertThat(request.get("revision").asLong()).isEqualTo(phone.get("revision").asLong());
            assertThat(request.get("requestId").asText()).isEqualTo(requestId);
            assertThat(request.get("requestedBy").get("user").asText()).isEqualTo("6666");
        }
    }

    @Test
    void serverRefreshRequestsEveryGeneratingServerUnderOneRequestId() throws Exception {
        try (var requests = new TopicTail(bootstrap, Topics.REFRESH_REQUESTS)) {
            var reply = api.call(Map.of("source", "test", "user", "6666", "pass", "1234",
                    "function", "server_refresh", "stage", "REFRESH"));
            assertThat(reply.bodyText()).isEqualTo("SUCCESS: server_refresh SERVER REFRESH HAS BEEN TRIGGERED - 6666|2\n");
            String requestId = reply.headers().get("x-dialfleet-request-id");

            var records = requests.await(r -> r.value().contains(requestId), 1, Duration.ofSeconds(20));
            records = requests.drain(r -> r.value().contains(requestId), Duration.ofSeconds(1));

            // Of the fixture's servers only 10.10.10.15 has both active_asterisk_server and generate_vicidial_conf.
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("10.10.10.15");
            JsonNode request = JSON.readTree(records.get(0).value());
            assertThat(request.get("reason").asText()).isEqualTo("SERVER_REFRESH");
            assertThat(request.get("force").asBoolean()).isTrue();
        }
    }

    @Test
    void serverRefreshWithSeveralGeneratingServersSharesTheRequestId() throws Exception {
        io.dialfleet.api.support.Database.execute(java.util.List.of(
                "UPDATE servers SET active_asterisk_server = 'Y', generate_vicidial_conf = 'Y'"));
        try (var requests = new TopicTail(bootstrap, Topics.REFRESH_REQUESTS)) {
            var reply = api.call(Map.of("source", "test", "user", "6666", "pass", "1234",
                    "function", "server_refresh", "stage", "REFRESH"));
            String requestId = reply.headers().get("x-dialfleet-request-id");

            requests.await(r -> r.value().contains(requestId), 3, Duration.ofSeconds(20));
            var records = requests.drain(r -> r.value().contains(requestId), Duration.ofSeconds(1));

            assertThat(records).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("10.10.10.15", "10.10.10.16", "10.10.10.17");
            Set<String> ids = records.stream().map(r -> read(r.value()).get("requestId").asText()).collect(Collectors.toSet());
            assertThat(ids).containsExactly(requestId);
            assertThat(records).allSatisfy(r -> assertThat(read(r.value()).get("force").asBoolean()).isTrue());
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
