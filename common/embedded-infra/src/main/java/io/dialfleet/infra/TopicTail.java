package io.dialfleet.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its end as it was when the tail was opened, so a test (or the local run) sees only the
 * records its own requests caused, whatever was published to the same topic before.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-tail-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
            topics.getOrDefault(topic, List.of())
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            if (partitions.isEmpty()) {
                create(bootstrapServers, topic);
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits until {@code count} records matching the filter arrived, and returns them in arrival order. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (matching(filter).size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(filter);
    }

    /**
     * Waits until {@code count} distinct records (by the given identity) matching the filter arrived; delivery is
     * at-least-once, so copies do not count twice. Returns every matching record, copies included, in arrival order.
     */
    public List<ConsumerRecord<String, String>> awaitDistinct(Predicate<ConsumerRecord<String, String>> filter,
            Function<ConsumerRecord<String, String>, String> identity, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (matching(filter).stream().map(identity).distinct().count() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(filter);
    }

    /** Whatever else arrives within the given time, for checks that nothing more came. */
    public List<ConsumerRecord<String, String>> drain(Predicate<ConsumerRecord<String, String>> filter,
            Duration quiet) {
        Instant deadline = Instant.now().plus(quiet);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(filter);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** Topics are auto-created on first use; a test that reads before the service wrote must create it. */
    private static void create(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
