package io.dialfleet.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Looks for known secret values in every table, every record of every topic and every log file of a run. */
final class SecretSearch {

    private final List<String> secrets;
    private final List<String> searched = new ArrayList<>();

    SecretSearch(List<String> secrets) {
        this.secrets = secrets;
    }

    /** What was searched, as {@code table x}, {@code topic y}, {@code log z}. */
    List<String> searched() {
        return searched;
    }

    /** Every row of every table of the public schema but {@code allowed}, as PostgreSQL prints the row. */
    List<String> inTables(Connection database, List<String> allowed) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = database.createStatement(); ResultSet names = statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (names.next()) {
                tables.add(names.getString(1));
            }
        }
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            if (allowed.contains(table)) {
                continue;
            }
            searched.add("table " + table);
            try (Statement statement = database.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT row::text FROM \"" + table + "\" row")) {
                while (rows.next()) {
                    found.addAll(matches("table " + table, rows.getString(1)));
                }
            }
        }
        return found;
    }

    /** Every record (key, value and headers) of every topic but Kafka's own, from the beginning. */
    List<String> inTopics(String bootstrap) throws InterruptedException, ExecutionException {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get();
        }
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "secret-search-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                if (topic.startsWith("__")) {
                    continue;
                }
                searched.add("topic " + topic);
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder();
                    text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
                            .append(' ')
                            .append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    record.headers().forEach(header -> text.append(' ').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.UTF_8)));
                    found.addAll(matches("topic " + record.topic() + "@" + record.offset(), text.toString()));
                }
            }
        }
        return found;
    }

    /** Every file in the directory. */
    List<String> inFiles(Path directory) throws IOException {
        List<String> found = new ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                searched.add("log " + file.getFileName());
                found.addAll(matches("log " + file.getFileName(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    private List<String> matches(String where, String text) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (text != null && text.contains(secret)) {
                found.add(secret + " in " + where);
            }
        }
        return found;
    }
}
