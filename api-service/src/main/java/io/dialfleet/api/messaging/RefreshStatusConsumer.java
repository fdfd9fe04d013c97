package io.dialfleet.api.messaging;

import io.dialfleet.api.logging.RequestIdMdc;
import io.dialfleet.api.metrics.StatusConsumerMetrics;
import io.dialfleet.api.service.RefreshStatusService;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.ServerRefreshCompleted;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the agents' ServerRefreshCompleted reports (events.md, {@code dialfleet.refresh-status}). A record that
 * is not a valid report, or that cannot be stored after bounded retries, is nacked: the channel's dead-letter
 * strategy sends it to {@code <topic>.dlq} and the consumer goes on with the next one.
 */
@ApplicationScoped
public class RefreshStatusConsumer {

    public static final String CHANNEL = "refresh-status";
    private static final Logger LOG = Logger.getLogger(RefreshStatusConsumer.class);

    private final RefreshStatusService status;
    private final StatusConsumerConfig config;
    private final StatusConsumerMetrics metrics;

    public RefreshStatusConsumer(RefreshStatusService status, StatusConsumerConfig config,
            StatusConsumerMetrics metrics) {
        this.status = status;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().item(() -> parse(payload))
                .onFailure().invoke(rejected -> {
                    metrics.deadLettered();
                    LOG.warnf("refresh-status: record rejected, sent to the dead-letter topic: %s",
                            rejected.getMessage());
                })
                .chain(this::store);
    }

    private Uni<Void> store(ServerRefreshCompleted event) {
        Uni<Void> stored = status.record(event);
        if (config.retries() > 0) {
            stored = stored.onFailure().retry()
                    .withBackOff(config.retryBackoff(), config.retryBackoff().multipliedBy(10))
                    .atMost(config.retries());
        }
        return stored.invoke(() -> {
            metrics.stored();
            RequestIdMdc.with(requestIds(event), () -> LOG.infof("refresh-status: %s %s at revision %d (agent %s, "
                    + "requests %s)", event.serverIp(), event.outcome(), event.revision(), event.agentId(),
                    event.requestIds()));
        }).onFailure().invoke(failure -> {
            metrics.deadLettered();
            LOG.errorf("refresh-status: report %s of %s not stored, sent to the dead-letter topic: %s",
                    event.eventId(), event.serverIp(), describe(failure));
        });
    }

    /** The report's request ids, comma-separated as the agent's MDC has them; empty for its own runs. */
    private static String requestIds(ServerRefreshCompleted event) {
        return event.requestIds() == null ? "" : String.join(",", event.requestIds().stream().map(String::valueOf)
                .toList());
    }

    /** PostgreSQL's DETAIL is never logged (design-notes.md, "Secrets"). */
    private static String describe(Throwable failure) {
        if (failure instanceof PgException pg) {
            return "PostgreSQL " + pg.getSqlState() + ": " + pg.getErrorMessage();
        }
        return failure.toString();
    }

    /** The fields the state rules rely on must be there; everything else is optional, as events.md allows. */
    static ServerRefreshCompleted parse(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("empty record");
        }
        ServerRefreshCompleted event = EventJson.read(payload, ServerRefreshCompleted.class);
        if (event == null || event.eventId() == null || event.serverIp() == null || event.serverIp().isBlank()
                || event.outcome() == null || event.finishedAt() == null || event.revision() < 0) {
            throw new IllegalArgumentException(
                    "not a ServerRefreshCompleted: eventId, serverIp, outcome, revision and finishedAt are required");
        }
        return event;
    }
}
