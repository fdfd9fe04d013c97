package io.dialfleet.api.metrics;

import io.dialfleet.api.mapping.ServerStatus;
import io.dialfleet.api.service.FleetStatusService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per server: the revision it should run, the one its agent applied (-1 until one did) and whether it is in sync.
 * One series per server of the fleet, labelled by its IP; a server that leaves the fleet loses its series at the
 * next reading.
 */
@ApplicationScoped
public class FleetMetrics {

    private final FleetStatusService fleet;
    private final MultiGauge desired;
    private final MultiGauge applied;
    private final MultiGauge inSync;

    FleetMetrics(MeterRegistry registry, FleetStatusService fleet) {
        this.fleet = fleet;
        this.desired = MultiGauge.builder("dialfleet.server.desired.revision")
                .description("servers.config_revision: the revision the server should run").register(registry);
        this.applied = MultiGauge.builder("dialfleet.server.applied.revision")
                .description("The highest revision the server's agent applied; -1 until one did").register(registry);
        this.inSync = MultiGauge.builder("dialfleet.server.in.sync")
                .description("1 when the applied revision is at least the desired one, else 0").register(registry);
    }

    Uni<Void> refresh() {
        return fleet.servers().invoke(servers -> {
            desired.register(rows(servers, ServerStatus::desiredRevision), true);
            applied.register(rows(servers, server -> server.appliedRevision() == null ? -1 : server.appliedRevision()),
                    true);
            inSync.register(rows(servers, server -> server.inSync() ? 1 : 0), true);
        }).replaceWithVoid();
    }

    private static List<MultiGauge.Row<?>> rows(List<ServerStatus> servers, ToDoubleFunction<ServerStatus> value) {
        return servers.stream()
                .<MultiGauge.Row<?>>map(server -> MultiGauge.Row.of(Tags.of("server", server.serverIp()),
                        value.applyAsDouble(server)))
                .toList();
    }
}
