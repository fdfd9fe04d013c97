package io.dialfleet.bench.scenario;

import io.dialfleet.events.EventJson;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.TopicTail;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The agents' status events ({@code dialfleet.refresh-status}) from the moment the watch was opened: the end of
 * every refresh measurement. Opened before the request it waits for, so no status can slip by.
 */
final class StatusWatch implements AutoCloseable {

    private final TopicTail tail;

    StatusWatch(String kafkaBootstrap) {
        this.tail = new TopicTail(kafkaBootstrap, Topics.REFRESH_STATUS);
    }

    /**
     * Waits until each of the servers reported a run that covers the request, and returns those reports (copies
     * included). TopicTail polls in a loop that returns as soon as records arrive, so the caller's clock read right
     * after this returns is the arrival of the last report.
     */
    List<ServerRefreshCompleted> awaitRequest(String requestId, Collection<String> serverIps, Duration timeout) {
        UUID id = UUID.fromString(requestId);
        Set<String> servers = Set.copyOf(serverIps);
        return tail.awaitDistinct(record -> record.value().contains(requestId)
                                && servers.contains(record.key()) && covers(read(record)).contains(id),
                        ConsumerRecord::key, servers.size(), timeout)
                .stream().map(StatusWatch::read).toList();
    }

    /** Waits for a server's start-up reconciliation (a report with no request ids). */
    List<ServerRefreshCompleted> awaitStartup(String serverIp, Duration timeout) {
        return tail.await(record -> serverIp.equals(record.key()) && covers(read(record)).isEmpty(), 1, timeout)
                .stream().map(StatusWatch::read).toList();
    }

    /** Everything that arrived (and arrives within {@code quiet}) from these servers. */
    List<ServerRefreshCompleted> drain(Collection<String> serverIps, Duration quiet) {
        Set<String> servers = Set.copyOf(serverIps);
        return tail.drain(record -> servers.contains(record.key()), quiet).stream().map(StatusWatch::read).toList();
    }

    static List<UUID> covers(ServerRefreshCompleted status) {
        return status.requestIds() == null ? List.of() : status.requestIds();
    }

    private static ServerRefreshCompleted read(ConsumerRecord<String, String> record) {
        return EventJson.read(record.value(), ServerRefreshCompleted.class);
    }

    @Override
    public void close() {
        tail.close();
    }
}
