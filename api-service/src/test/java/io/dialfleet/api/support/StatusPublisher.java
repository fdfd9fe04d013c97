package io.dialfleet.api.support;

import io.dialfleet.events.AgentCredential;
import io.dialfleet.events.CloudEvents;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ReportSignature;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes ServerRefreshCompleted records to the status topic as a refresh-agent would, with a plain producer,
 * signed with a key of the record's server issued through the operator endpoint ({@link AgentKeyIssuer}).
 */
public final class StatusPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, AgentCredential> keys = new HashMap<>();

    public StatusPublisher(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(properties);
    }

    /** A report of a run on {@code serverIp} that finished at {@code finishedAt} and took a tenth of a second. */
    public static ServerRefreshCompleted report(String serverIp, long revision, RefreshOutcome outcome,
            List<UUID> requestIds, Instant finishedAt, String agentId, String error) {
        return new ServerRefreshCompleted(ServerRefreshCompleted.SCHEMA_VERSION, UUID.randomUUID(), serverIp, agentId,
                requestIds, revision, outcome, new ServerRefreshCompleted.PeerCounts(1, 0, 0), List.of(), List.of(),
                outcome == RefreshOutcome.FAILED, error, List.of(), List.of(), finishedAt.minus(Duration.ofMillis(100)),
                finishedAt, 100);
    }

    public void publish(ServerRefreshCompleted event) {
        send(event.serverIp(), EventJson.write(event), event.eventId().toString());
    }

    /** Sends a raw value, as a broken agent might: signed with a key of the server the record is keyed by. */
    public void send(String key, String value, String eventId) {
        sendSigned(keyOf(key), key, value.getBytes(StandardCharsets.UTF_8), eventId);
    }

    /** The key this publisher signs the server's records with (issued on first use). */
    public AgentCredential keyOf(String serverIp) {
        return keys.computeIfAbsent(serverIp.toLowerCase(Locale.ROOT), ignored -> AgentKeyIssuer.issue(serverIp));
    }

    /** A record signed with {@code credential}, whatever server it is keyed by. */
    public void sendSigned(AgentCredential credential, String key, byte[] value, String eventId) {
        sendWithHeaders(key, value, eventId, credential.keyId(), ReportSignature.sign(credential, key, value));
    }

    /** A record with whatever key id and signature headers are given (null: left out), as a forger would. */
    public void sendWithHeaders(String key, byte[] value, String eventId, String keyId, String signature) {
        var record = new ProducerRecord<>(Topics.REFRESH_STATUS, key, value);
        record.headers()
                .add(CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION.getBytes(StandardCharsets.UTF_8))
                .add(CloudEvents.HEADER_ID, eventId.getBytes(StandardCharsets.UTF_8))
                .add(CloudEvents.HEADER_TYPE, CloudEvents.TYPE_REFRESH_COMPLETED.getBytes(StandardCharsets.UTF_8))
                .add(CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (keyId != null) {
            record.headers().add(ReportSignature.HEADER_KEY_ID, keyId.getBytes(StandardCharsets.UTF_8));
        }
        if (signature != null) {
            record.headers().add(ReportSignature.HEADER_SIGNATURE, signature.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.REFRESH_STATUS, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
