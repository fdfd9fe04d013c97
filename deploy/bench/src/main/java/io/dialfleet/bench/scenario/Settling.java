package io.dialfleet.bench.scenario;

import io.dialfleet.bench.fleet.OperatorApi;
import io.dialfleet.bench.fleet.OperatorApi.ServerState;
import io.dialfleet.bench.stack.BenchStack;
import io.dialfleet.bench.stack.PostgresLink;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Waiting for the system to be idle or in sync between measurements. */
final class Settling {

    private static final Duration OUTBOX_LIMIT = Duration.ofMinutes(5);

    private Settling() {
    }

    /**
     * Until the outbox relay has published every event of the previous level (its backlog would otherwise eat into
     * the next level's CPU), then a second more. Without a database link: a fixed three seconds.
     */
    static void awaitQuiet(BenchStack stack) {
        if (stack.postgres().isEmpty()) {
            Clock.sleep(Duration.ofSeconds(3));
            return;
        }
        PostgresLink postgres = stack.postgres().get();
        long deadline = System.nanoTime() + OUTBOX_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong backlog = postgres.outboxBacklog();
            if (backlog.isEmpty() || backlog.getAsLong() == 0) {
                break;
            }
            Clock.sleep(Duration.ofMillis(100));
        }
        Clock.sleep(Duration.ofSeconds(1));
    }

    /**
     * Polls the fleet view until every one of these servers is in sync (applied revision ≥ desired).
     *
     * @return {@link System#nanoTime()} of the first poll that saw them all in sync
     */
    static long awaitInSync(OperatorApi api, Collection<String> serverIps, Duration timeout) {
        Set<String> wanted = Set.copyOf(serverIps);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ServerState> last = List.of();
        while (System.nanoTime() < deadline) {
            long polled = System.nanoTime();
            last = api.servers();
            long inSync = last.stream().filter(server -> wanted.contains(server.serverIp()) && server.inSync()).count();
            if (inSync == wanted.size()) {
                return polled;
            }
            Clock.sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("servers not in sync within " + timeout + ": " + last);
    }
}
