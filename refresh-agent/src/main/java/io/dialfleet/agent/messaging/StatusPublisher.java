package io.dialfleet.agent.messaging;

import io.dialfleet.events.CloudEvents;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.ServerRefreshCompleted;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Publishes each run's {@link ServerRefreshCompleted} on {@code dialfleet.refresh-status}, keyed by server. */
@ApplicationScoped
public class StatusPublisher {

    public static final String CHANNEL = "refresh-status";
    static final String SOURCE = "/dialfleet/refresh-agent";
    private static final Logger LOG = Logger.getLogger(StatusPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Emitter<String> emitter;

    public StatusPublisher(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks the run thread until the broker acknowledged, so the next run's status cannot overtake this one. */
    public void publish(ServerRefreshCompleted status) {
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.headers(status.eventId(), CloudEvents.TYPE_REFRESH_COMPLETED, SOURCE, status.finishedAt())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.send(Message.of(EventJson.write(status))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(status.serverIp())
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acknowledged.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("status %s of %s (%s) was not acknowledged by Kafka: %s", status.eventId(), status.serverIp(),
                    status.outcome(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
