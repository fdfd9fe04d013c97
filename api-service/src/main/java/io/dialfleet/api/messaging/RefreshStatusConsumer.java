package io.dialfleet.api.messaging;

import io.dialfleet.api.logging.RequestIdMdc;
import io.dialfleet.api.metrics.StatusConsumerMetrics;
import io.dialfleet.api.service.RefreshStatusService;
import io.dialfleet.api.service.ReportVerdict;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.ReportSignature;
import io.dialfleet.events.ServerRefreshCompleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the agents' ServerRefreshCompleted reports (events.md, {@code dialfleet.refresh-status}). A report is
 * believed only when it is signed by an active key of the server it is keyed by, is about that server, finished no
 * later than the allowed clock skew from now, names a known server and no revision above that server's desired one
 * (docs/operations.md, "Agent credentials"); anything else changes nothing, is counted in {@link RejectedReports}
 * and logged without its contents, and the consumer goes on. A signed record that is not a valid report, or that
 * cannot be stored after bounded retries, is nacked: the channel's dead-letter strategy sends it to
 * {@code <topic>.dlq}.
 */
@ApplicationScoped
public class RefreshStatusConsumer {

    public static final String CHANNEL = "refresh-status";
    private static final Logger LOG = Logger.getLogger(RefreshStatusConsumer.class);
    /** Record keys and key ids come from whoever wrote the record: logged only this long, control characters out. */
    private static final int LOGGED_LENGTH = 64;

    private final RefreshStatusService status;
    private final StatusConsumerConfig config;
    private final ReportAuthenticity authenticity;
    private final RejectedReports rejected;
    private final StatusConsumerMetrics metrics;
    private final Clock clock;

    RefreshStatusConsumer(RefreshStatusService status, StatusConsumerConfig config, ReportAuthenticity authenticity,
            RejectedReports rejected, StatusConsumerMetrics metrics) {
        this.status = status;
        this.config = config;
        this.authenticity = authenticity;
        this.rejected = rejected;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        String key = record.getKey();
        byte[] value = record.getPayload() == null ? new byte[0] : record.getPayload();
        String keyId = header(record, ReportSignature.HEADER_KEY_ID);
        return authenticity.check(key, value, keyId, header(record, ReportSignature.HEADER_SIGNATURE))
                .chain(refused -> refused.isPresent()
                        ? Uni.createFrom().item(refused)
                        : believed(key, value, keyId))
                .chain(refused -> {
                    refused.ifPresent(reason -> reject(reason, key, keyId));
                    return Uni.createFrom().completionStage(record.ack());
                })
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(record.nack(failure)));
    }

    /** The checks of an authentic record; a failure (not a report, not stored) ends in the dead-letter topic. */
    private Uni<Optional<RejectReason>> believed(String key, byte[] value, String keyId) {
        ServerRefreshCompleted event;
        try {
            event = parse(new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notAReport) {
            metrics.deadLettered();
            LOG.warnf("refresh-status: record of %s (key %s) rejected, sent to the dead-letter topic: %s",
                    printable(key), printable(keyId), notAReport.getMessage());
            return Uni.createFrom().failure(notAReport);
        }
        if (key == null || !key.equalsIgnoreCase(event.serverIp())) {
            return Uni.createFrom().item(Optional.of(RejectReason.SERVER_MISMATCH));
        }
        if (event.finishedAt().isAfter(Instant.now(clock).plus(config.maxClockSkew()))) {
            return Uni.createFrom().item(Optional.of(RejectReason.FUTURE_TIME));
        }
        return store(event).map(verdict -> switch (verdict) {
            case RECORDED -> Optional.empty();
            case UNKNOWN_SERVER -> Optional.of(RejectReason.UNKNOWN_SERVER);
            case REVISION_AHEAD -> Optional.of(RejectReason.REVISION_AHEAD);
        });
    }

    private Uni<ReportVerdict> store(ServerRefreshCompleted event) {
        Uni<ReportVerdict> stored = status.record(event);
        if (config.retries() > 0) {
            stored = stored.onFailure().retry()
                    .withBackOff(config.retryBackoff(), config.retryBackoff().multipliedBy(10))
                    .atMost(config.retries());
        }
        return stored.invoke(verdict -> {
            if (verdict != ReportVerdict.RECORDED) {
                return;
            }
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

    private void reject(RejectReason reason, String key, String keyId) {
        rejected.add(reason);
        metrics.rejected(reason);
        LOG.warnf("refresh-status: report rejected (%s), nothing changed: record key %s, agent key %s", reason,
                printable(key), printable(keyId));
    }

    private static String header(KafkaRecord<String, byte[]> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > LOGGED_LENGTH ? text.substring(0, LOGGED_LENGTH) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
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
