package io.dialfleet.api.metrics;

import io.dialfleet.api.messaging.RefreshStatusConsumer;
import io.dialfleet.api.messaging.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The refresh-status consumer: the agents' reports it stored or sent to the dead-letter topic, and its lag — the
 * reports on its assigned partitions it has not read yet (0 on a replica with no partition).
 */
@ApplicationScoped
public class StatusConsumerMetrics {

    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final KafkaClientService kafkaClients;
    private final Counter stored;
    private final Counter deadLettered;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final AtomicLong lag = new AtomicLong();
    private final Meter lagGauge;

    StatusConsumerMetrics(MeterRegistry registry, KafkaClientService kafkaClients) {
        this.registry = registry;
        this.kafkaClients = kafkaClients;
        this.stored = reports(registry, "stored");
        this.deadLettered = reports(registry, "dead_letter");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("dialfleet.status.reports.rejected")
                    .description("Agent reports refused as not authentic or not believable; nothing was changed")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.lagGauge = Gauge.builder("dialfleet.status.consumer.lag", lag, AtomicLong::get)
                .description("Agent reports on this replica's assigned partitions not consumed yet")
                .baseUnit("records").register(registry);
    }

    /** The gauge reads this bean's field: it goes with it (see {@link OutboxMetrics#removeGauges()}). */
    @PreDestroy
    void removeGauge() {
        registry.remove(lagGauge);
    }

    private static Counter reports(MeterRegistry registry, String result) {
        return Counter.builder("dialfleet.status.reports")
                .description("Agent reports consumed: stored, or sent to the dead-letter topic")
                .tag("result", result).register(registry);
    }

    public void stored() {
        stored.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    Uni<Void> refresh() {
        var consumer = kafkaClients.getConsumer(RefreshStatusConsumer.CHANNEL);
        if (consumer == null) {
            return Uni.createFrom().voidItem();
        }
        return consumer.runOnPollingThread(StatusConsumerMetrics::unread).invoke(lag::set).replaceWithVoid();
    }

    /** Runs on the consumer's polling thread, the only one allowed to use it. */
    private static long unread(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT);
        long unread = 0;
        for (TopicPartition partition : assigned) {
            unread += Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition, END_OFFSETS_TIMEOUT));
        }
        return unread;
    }
}
