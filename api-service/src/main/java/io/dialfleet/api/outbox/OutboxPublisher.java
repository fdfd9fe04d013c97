package io.dialfleet.api.outbox;

import io.dialfleet.api.outbox.OutboxQueue.OutboxRecord;
import io.dialfleet.events.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a batch of outbox rows to Kafka through the SmallRye emitter (idempotent producer, {@code acks=all}) and
 * tells which of them the broker acknowledged, as an unbroken prefix of the batch.
 */
@ApplicationScoped
class OutboxPublisher {

    static final String CHANNEL = "outbox";

    private final KafkaClientService kafkaClients;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final String source;

    OutboxPublisher(KafkaClientService kafkaClients,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000) Emitter<String> emitter,
            OutboxConfig config, EventsConfig events) {
        this.kafkaClients = kafkaClients;
        this.emitter = emitter;
        this.config = config;
        this.source = events.source();
    }

    /**
     * @return the ids of the rows acknowledged, in order, up to the first one that was not: rows after it stay
     *         unpublished, so that a retry keeps their order
     */
    Uni<List<Long>> send(List<OutboxRecord> records) {
        return brokerKnowsTopics(records).chain(() -> {
            List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
            for (OutboxRecord record : records) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                acks.add(ack);
                emitter.send(toMessage(record, ack));
            }
            // Wait until every record is settled, acknowledged or not, so batches never pile up in the producer.
            CompletableFuture<Void> settled = CompletableFuture.allOf(acks.stream()
                    .map(ack -> ack.exceptionally(failure -> null))
                    .toArray(CompletableFuture[]::new));
            return Uni.createFrom().completionStage(settled)
                    .ifNoItem().after(config.ackTimeout()).recoverWithItem(() -> null)
                    .map(ignored -> acknowledgedPrefix(records, acks));
        });
    }

    /**
     * Fails fast when the producer cannot get metadata for the batch's topics: a send without metadata blocks the
     * producer's one thread for {@code max.block.ms}, record after record, while the broker is away.
     */
    private Uni<Void> brokerKnowsTopics(List<OutboxRecord> records) {
        KafkaProducer<?, ?> producer = kafkaClients.getProducer(CHANNEL);
        if (producer == null) {
            return Uni.createFrom().failure(new IllegalStateException("the Kafka producer is not started yet"));
        }
        Uni<Void> known = Uni.createFrom().voidItem();
        for (String topic : records.stream().map(OutboxRecord::topic).distinct().toList()) {
            known = known.chain(() -> producer.partitionsFor(topic).replaceWithVoid());
        }
        return known;
    }

    private static List<Long> acknowledgedPrefix(List<OutboxRecord> records, List<CompletableFuture<Void>> acks) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<Void> ack = acks.get(i);
            if (!ack.isDone() || ack.isCompletedExceptionally()) {
                break;
            }
            ids.add(records.get(i).id());
        }
        return ids;
    }

    private Message<String> toMessage(OutboxRecord record, CompletableFuture<Void> ack) {
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.headers(record.eventId(), record.ceType(), source, record.createdAt())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return Message.of(record.payload())
                .addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }
}
