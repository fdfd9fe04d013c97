package io.dialfleet.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox: rows waiting to be published and the age of the oldest (read from the table, so every replica shows
 * the same backlog), and what this replica's relay published and failed to publish.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final String BACKLOG = """
            SELECT count(*) AS rows, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest
            FROM outbox WHERE published_at IS NULL
            """;

    private final MeterRegistry registry;
    private final Pool pool;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    private final List<Meter> gauges;

    OutboxMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
        this.published = Counter.builder("dialfleet.outbox.published")
                .description("Outbox rows the relay published and the broker acknowledged").register(registry);
        this.failures = Counter.builder("dialfleet.outbox.publish.failures")
                .description("Relay batches that could not be published (the rows stay and are retried)")
                .register(registry);
        this.gauges = List.of(
                Gauge.builder("dialfleet.outbox.backlog", backlogRows, AtomicLong::get)
                        .description("Outbox rows not published yet").baseUnit("rows").register(registry),
                Gauge.builder("dialfleet.outbox.oldest.unpublished.age", oldestMillis, millis -> millis.get() / 1000.0)
                        .description("Age of the oldest outbox row not published yet; 0 when none waits")
                        .baseUnit("seconds").register(registry));
    }

    /**
     * The gauges read this bean's fields: they go with it, so that an application started again in the same JVM
     * (the tests' restarts share Micrometer's registry) registers them anew on its own bean.
     */
    @PreDestroy
    void removeGauges() {
        gauges.forEach(registry::remove);
    }

    /** The relay marked this many rows published. */
    public void published(int rows) {
        published.increment(rows);
    }

    /** A relay batch failed; its rows wait in the outbox. */
    public void publishFailed() {
        failures.increment();
    }

    Uni<Void> refresh() {
        return pool.query(BACKLOG).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            backlogRows.set(row.getLong("rows"));
            oldestMillis.set(Math.round(row.getDouble("oldest") * 1000));
        }).replaceWithVoid();
    }
}
