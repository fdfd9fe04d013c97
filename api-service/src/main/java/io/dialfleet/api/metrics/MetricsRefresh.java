package io.dialfleet.api.metrics;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Reads the series that come from the database and the broker every {@code dialfleet.metrics.refresh-interval},
 * off the scrape: a scrape never waits on PostgreSQL or Kafka, and a failed reading keeps the previous values.
 */
@ApplicationScoped
public class MetricsRefresh {

    private static final Logger LOG = Logger.getLogger(MetricsRefresh.class);

    private final OutboxMetrics outbox;
    private final FleetMetrics fleet;
    private final StatusConsumerMetrics statusConsumer;
    private final Scheduler scheduler;
    private final MetricsConfig config;

    MetricsRefresh(OutboxMetrics outbox, FleetMetrics fleet, StatusConsumerMetrics statusConsumer, Scheduler scheduler,
            MetricsConfig config) {
        this.outbox = outbox;
        this.fleet = fleet;
        this.statusConsumer = statusConsumer;
        this.scheduler = scheduler;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        scheduler.newJob(MetricsRefresh.class.getName())
                .setInterval(config.refreshInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> refresh())
                .schedule();
    }

    Uni<Void> refresh() {
        return reading("outbox backlog", outbox.refresh())
                .chain(() -> reading("server revisions", fleet.refresh()))
                .chain(() -> reading("status consumer lag", statusConsumer.refresh()));
    }

    private static Uni<Void> reading(String what, Uni<Void> reading) {
        return reading.onFailure().recoverWithUni(failure -> {
            LOG.debugf("metrics: %s not read (%s); the previous value stays", what, failure.toString());
            return Uni.createFrom().voidItem();
        });
    }
}
