package io.dialfleet.api.outbox;

import io.dialfleet.api.metrics.OutboxMetrics;
import io.dialfleet.api.outbox.OutboxQueue.OutboxRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka after their transaction committed (architecture.md: transactional outbox).
 * Rows leave in outbox order, one publishing replica at a time; a row is marked published only once the broker
 * acknowledged it and every row before it, so a broker outage delays events and loses none. Delivery is
 * at-least-once: consumers deduplicate by event id.
 *
 * <p>Woken by {@link OutboxCommitted} after each commit that wrote rows, and by a timer for the rest (rows of
 * other replicas, retries). The timer is Vert.x's, not {@code @Scheduled}: Quarkus' simple scheduler checks its
 * triggers once a second ({@code SimpleScheduler.CHECK_PERIOD}) and cannot honour the 0.5 s default.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxQueue queue;
    private final OutboxPublisher publisher;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final OutboxMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean failing;
    private long timer = -1;

    OutboxRelay(Pool pool, OutboxQueue queue, OutboxPublisher publisher, OutboxConfig config, Vertx vertx,
            OutboxMetrics metrics) {
        this.pool = pool;
        this.queue = queue;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
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

    void committed(@Observes OutboxCommitted committed) {
        wake();
    }

    /** Publishes what is waiting now; a wake while a batch is out runs another batch after it. */
    void wake() {
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
            published();
            if (published == config.batchSize() || wakeAgain.get()) {
                wake();
            }
        }, failure -> {
            running.set(false);
            metrics.publishFailed();
            failed(failure);
        });
    }

    /** @return the number of rows published */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> queue.tryBecomePublisher(connection)
                .chain(granted -> granted
                        ? queue.claimBatch(connection, config.batchSize())
                        : Uni.createFrom().item(List.<OutboxRecord>of()))
                .chain(records -> records.isEmpty()
                        ? Uni.createFrom().item(0)
                        : publisher.send(records).chain(acknowledged -> {
                            if (acknowledged.isEmpty()) {
                                return Uni.createFrom().failure(new IllegalStateException(
                                        "the broker acknowledged none of " + records.size() + " events"));
                            }
                            return queue.markPublished(connection, acknowledged).replaceWith(acknowledged.size());
                        })));
    }

    /** A batch went out (possibly an empty one). */
    private void published() {
        if (failing) {
            failing = false;
            LOG.info("outbox relay: publishing again");
        }
    }

    /** A batch could not be read, sent or marked; its rows stay in the outbox for the next attempt. */
    private void failed(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warnf("outbox relay: cannot publish (%s); events wait in the outbox, retried every %s",
                    failure.getMessage(), config.pollInterval());
        }
    }
}
