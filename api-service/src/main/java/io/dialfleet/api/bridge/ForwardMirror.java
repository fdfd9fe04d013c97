package io.dialfleet.api.bridge;

import io.dialfleet.api.outbox.EventsConfig;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PhoneChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The forward half of the VICIdial bridge: consumes dialfleet's own change events ({@code dialfleet.phone-changes},
 * its own consumer group, offsets committed by hand) on a thread of its own and mirrors each named phone or alias
 * into VICIdial's MySQL through {@link MirrorApplier}. The API never waits for it.
 *
 * <p>Events are triggers, not data: the current row is read when the batch is applied, so a replayed or late
 * event writes the newest state and at-least-once delivery is enough. Offsets are committed only after MySQL took
 * the whole batch; when MySQL (or PostgreSQL) fails, the consumer goes back to the batch's first offsets and tries
 * again after a backoff that doubles up to {@code retry-backoff-max}: nothing is skipped, and a MySQL outage only
 * delays the mirror.
 */
@ApplicationScoped
public class ForwardMirror {

    private static final Logger LOG = Logger.getLogger(ForwardMirror.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final BridgeConfig config;
    private final VicidialDatabase database;
    private final MirrorApplier applier;
    private final String topic;
    private final Config kafkaSettings;
    private final AtomicReference<MirrorStatus> status = new AtomicReference<>(MirrorStatus.off());
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public ForwardMirror(BridgeConfig config, VicidialDatabase database, MirrorApplier applier, EventsConfig events,
            Config kafkaSettings) {
        this.config = config;
        this.database = database;
        this.applier = applier;
        this.topic = events.phoneChangesTopic();
        this.kafkaSettings = kafkaSettings;
    }

    void start(@Observes StartupEvent startup) {
        if (!database.enabled()) {
            return;
        }
        thread = new Thread(this::run, "dialfleet-vicidial-mirror");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread == null) {
            return;
        }
        stopping = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        // The wake-up ends a poll at once; an interrupt only for a thread still waiting out a retry's backoff, since
        // an interrupted consumer cannot leave its group cleanly (and logs errors while closing).
        thread.join(Duration.ofSeconds(2).toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    public MirrorStatus status() {
        return status.get();
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerProperties());
                VicidialConnection mysql = database.open()) {
            consumer = kafka;
            kafka.subscribe(List.of(topic));
            LOG.infof("VICIdial bridge: mirroring %s into VICIdial's MySQL (consumer group %s)", topic,
                    config.consumerGroup());
            Duration backoff = config.retryBackoff();
            while (!stopping) {
                ConsumerRecords<String, String> records = kafka.poll(POLL);
                if (records.isEmpty()) {
                    report(kafka, null, false, null);
                    continue;
                }
                try {
                    MirrorApplier.Applied applied = applier.apply(mysql, targets(records));
                    kafka.commitSync(nextOffsets(records));
                    boolean recovered = status.get().retrying();
                    report(kafka, null, false, Instant.now());
                    if (recovered) {
                        LOG.info("VICIdial bridge: mirroring again");
                    }
                    backoff = config.retryBackoff();
                    LOG.debugf("VICIdial bridge: %d events, %d rows written, %d deleted, %d unchanged",
                            records.count(), applied.written(), applied.deleted(), applied.unchanged());
                } catch (SQLException | RuntimeException e) {
                    if (e instanceof WakeupException || stopping) {
                        break;
                    }
                    String error = describe(e);
                    if (!status.get().retrying()) {
                        LOG.warnf("VICIdial bridge: cannot mirror %d events (%s); retrying from the same events, "
                                + "first after %s", records.count(), error, backoff);
                    }
                    rewind(kafka, records);
                    report(kafka, oldest(records), true, null, error);
                    sleep(backoff);
                    backoff = min(backoff.multipliedBy(2), config.retryBackoffMax());
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up: leave.
        } catch (RuntimeException e) {
            LOG.error("VICIdial bridge: the forward mirror stopped", e);
        } finally {
            consumer = null;
            status.set(MirrorStatus.off());
        }
    }

    private List<MirrorTarget> targets(ConsumerRecords<String, String> records) {
        List<MirrorTarget> targets = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            MirrorTarget target = parse(record);
            if (target != null) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** An event the mirror cannot read names nothing it could write: logged (no content) and passed over. */
    private static MirrorTarget parse(ConsumerRecord<String, String> record) {
        try {
            MirrorTarget target = MirrorTarget.of(EventJson.read(record.value(), PhoneChanged.class));
            if (target.complete()) {
                return target;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        LOG.warnf("VICIdial bridge: %s-%d offset %d is not a phone or alias change event; passed over",
                record.topic(), record.partition(), record.offset());
        return null;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** The next poll returns the failed batch again (from each partition still assigned to this consumer). */
    private static void rewind(KafkaConsumer<String, String> kafka, ConsumerRecords<String, String> records) {
        Set<TopicPartition> assigned = kafka.assignment();
        for (TopicPartition partition : records.partitions()) {
            if (assigned.contains(partition)) {
                kafka.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void report(KafkaConsumer<String, String> kafka, Instant oldestPending, boolean retrying,
            Instant appliedAt) {
        report(kafka, oldestPending, retrying, appliedAt, null);
    }

    private void report(KafkaConsumer<String, String> kafka, Instant oldestPending, boolean retrying,
            Instant appliedAt, String error) {
        long lag = 0;
        for (TopicPartition partition : kafka.assignment()) {
            lag += kafka.currentLag(partition).orElse(0);
        }
        MirrorStatus previous = status.get();
        status.set(new MirrorStatus(true, lag, oldestPending, appliedAt != null ? appliedAt : previous.lastAppliedAt(),
                retrying, error));
    }

    private static Instant oldest(ConsumerRecords<String, String> records) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, String> record : records) {
            oldest = Math.min(oldest, record.timestamp());
        }
        return Instant.ofEpochMilli(oldest);
    }

    private static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            return "MySQL: " + sql.getClass().getSimpleName() + ", SQLState " + sql.getSQLState();
        }
        return e.getClass().getSimpleName();
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        // Every kafka.* setting of the service (bootstrap servers, TLS, SASL) applies to this consumer too.
        for (String name : kafkaSettings.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                kafkaSettings.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring("kafka.".length()), value));
            }
        }
        properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        properties.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "dialfleet-vicidial-bridge");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group starts at the beginning: events are triggers and replays write the newest state.
        properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.batchSize()));
        properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
