package io.dialfleet.api.messaging;

import io.dialfleet.api.metrics.OutboxMetrics;
import io.dialfleet.api.repository.OutboxRepository;
import io.dialfleet.api.repository.OutboxRepository.OutboxRecord;
import io.dialfleet.events.CloudEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka after their transaction committed (architecture.md: transactional outbox).
 * Rows leave in outbox order, one publishing replica at a time; a row is marked published only once the broker
 * acknowledged it and every row before it, so a broker outage delays events and loses none. Delivery is
 * at-least-once: consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final KafkaClientService kafkaClients;
    private final Emitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final String source;
    private final OutboxMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean failing;
    private long timer = -1;

    public OutboxRelay(Pool pool, OutboxRepository outbox, KafkaClientService kafkaClients,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000) Emitter<String> emitter,
            OutboxConfig config, EventsConfig events, Vertx vertx, OutboxMetrics metrics) {
        this.pool = pool;
        this.outbox = outbox;
        this.kafkaClients = kafkaClients;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.source = events.source();
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Publishes what is waiting now; called after every commit that wrote outbox rows, and periodically. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        wakeAgain.set(false);
        publishBatch().subscribe().with(published -> {
            running.set(false);
            metrics.published(published);
            if (failing) {
                failing = false;
                LOG.info("outbox relay: publishing again");
            }
            if (published == config.batchSize() || wakeAgain.get()) {
                wake();
            }
        }, failure -> {
            running.set(false);
            metrics.publishFailed();
            if (!failing) {
                failing = true;
                LOG.warnf("outbox relay: cannot publish (%s); events wait in the outbox, retried every %s",
                        failure.getMessage(), config.pollInterval());
            }
        });
    }

    /** @return the number of rows published */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> outbox.tryBecomePublisher(connection)
                .chain(granted -> granted
                        ? outbox.claimBatch(connection, config.batchSize())
                                .chain(records -> publish(connection, records))
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publish(SqlConnection connection, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(0);
        }
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
                    .chain(() -> {
                        List<Long> published = acknowledgedPrefix(records, acks);
                        if (published.isEmpty()) {
                            return Uni.createFrom().failure(new IllegalStateException(
                                    "the broker acknowledged none of " + records.size() + " events"));
                        }
                        return outbox.markPublished(connection, published).replaceWith(published.size());
                    });
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

    /** Rows after the first unacknowledged one stay unpublished, so that a retry keeps their order. */
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
        header(headers, CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION);
        header(headers, CloudEvents.HEADER_ID, record.eventId().toString());
        header(headers, CloudEvents.HEADER_TYPE, record.ceType());
        header(headers, CloudEvents.HEADER_SOURCE, source);
        header(headers, CloudEvents.HEADER_TIME, record.createdAt().toString());
        header(headers, CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.CONTENT_TYPE);
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

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
