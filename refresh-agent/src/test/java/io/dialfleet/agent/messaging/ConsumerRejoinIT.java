package io.dialfleet.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.health.KafkaAssignmentCheck;
import io.dialfleet.infra.EmbeddedKafka;
import io.dialfleet.infra.KafkaOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent killed under load and started again must get its requests in seconds, not after the dead consumer's
 * session expired (42–65 s were observed with the defaults). Real Kafka, the consumer settings application.properties
 * ships, and the first agent's consumer in a process of its own, killed with SIGKILL.
 */
class ConsumerRejoinIT {

    private static final Duration REJOIN_LIMIT = Duration.ofSeconds(5);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(KafkaOptions.defaults());
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void theShippedSettingsMakeTheAgentIdAStaticMemberWithAShortSession() {
        assertThat(ShippedConsumerSettings.of(Map.of("dialfleet.agent.server-ip", "10.10.10.15",
                "dialfleet.agent.agent-id", "telco15-agent")))
                .containsEntry("group.id", "refresh-agent-10.10.10.15")
                .containsEntry("group.instance.id", "telco15-agent")
                .containsEntry("session.timeout.ms", "10000");
        assertThat(ShippedConsumerSettings.of(Map.of("dialfleet.agent.server-ip", "10.10.10.15")))
                .containsEntry("group.instance.id", "refresh-agent-10.10.10.15");
    }

    @Test
    void aRestartedAgentHoldsItsPartitionsAndReceivesRequestsWithinSecondsOfAKill() throws Exception {
        String topic = topic();
        Map<String, Object> settings = settings("10.77.0.1");

        Duration rejoin = killAndRestart(topic, settings);

        assertThat(rejoin).isLessThan(REJOIN_LIMIT);
    }

    @Test
    void withoutStaticMembershipTheSameRestartWaitsForTheDeadSession() throws Exception {
        String topic = topic();
        Map<String, Object> settings = settings("10.77.0.2");
        settings.remove("group.instance.id");

        Duration rejoin = killAndRestart(topic, settings);

        // What the test above guards against: the group waits for the killed member's session (10 s here).
        assertThat(rejoin).isGreaterThan(REJOIN_LIMIT);
    }

    /** Starts a member in a child process, kills it, and returns how long its successor took to hold partitions. */
    private static Duration killAndRestart(String topic, Map<String, Object> settings) throws Exception {
        Process first = startMember(topic, settings);
        try {
            awaitAssigned(first);
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
        Instant restarted = Instant.now();
        PartitionAssignment assignment = new PartitionAssignment();
        KafkaAssignmentCheck readiness = new KafkaAssignmentCheck(assignment);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        try (KafkaConsumer<String, String> second = new KafkaConsumer<>(settings)) {
            second.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignment.onPartitionsAssigned(second, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assignment.onPartitionsRevoked(second, partitions);
                }
            });
            Instant deadline = restarted.plusSeconds(60);
            while (assignment.held() == 0 && Instant.now().isBefore(deadline)) {
                second.poll(Duration.ofMillis(100));
            }
            Duration rejoin = Duration.between(restarted, Instant.now());
            System.out.printf("consumer %s: partitions held %d ms after the previous member was killed%n",
                    settings.containsKey("group.instance.id") ? "with static membership" : "without static membership",
                    rejoin.toMillis());
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(assignment.held()).isEqualTo(6);

            // Positions first: with auto.offset.reset=latest, a record sent before they are known could be skipped.
            second.assignment().forEach(second::position);
            String key = "key-" + UUID.randomUUID();
            send(topic, key);
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(10);
            while (received.isEmpty() && Instant.now().isBefore(until)) {
                second.poll(Duration.ofMillis(100)).forEach(received::add);
            }
            assertThat(received).extracting(ConsumerRecord::key).containsExactly(key);
            return rejoin;
        }
    }

    private static Map<String, Object> settings(String serverIp) {
        Map<String, Object> settings = new HashMap<>(ShippedConsumerSettings.of(Map.of(
                "dialfleet.agent.server-ip", serverIp, "dialfleet.agent.agent-id", "agent-" + serverIp)));
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        return settings;
    }

    private static String topic() throws Exception {
        String topic = "refresh-requests-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static Process startMember(String topic, Map<String, Object> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), KafkaMemberProcess.class.getName(),
                kafka.bootstrapServers(), topic));
        settings.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                command.add(key + "=" + value);
            }
        });
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitAssigned(Process member) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(member.getInputStream(),
                StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(60);
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("ASSIGNED ") && !line.equals("ASSIGNED 0")) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
        }
        throw new AssertionError("the first member never held partitions");
    }

    private static void send(String topic, String key) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "{}")).get(30, TimeUnit.SECONDS);
        }
    }
}
