package io.dialfleet.api.bridge;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code vicidial-bridge}: always UP, because the API must stay in service while VICIdial's MySQL
 * is away (the mirror catches up afterwards); its details show the bridge's state, the outage included.
 */
@Readiness
@ApplicationScoped
public class BridgeReadiness implements HealthCheck {

    static final String NAME = "vicidial-bridge";

    private final BridgeHealth health;

    public BridgeReadiness(BridgeHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        BridgeStatus status = health.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("enabled", status.enabled());
        if (!status.enabled()) {
            return response.build();
        }
        response.withData("connected", status.connected())
                .withData("forwardLagRecords", status.forwardLagRecords())
                .withData("forwardLagSeconds", String.valueOf(status.forwardLagSeconds()));
        if (status.lastReconcileAt() != null) {
            response.withData("lastReconcileAt", status.lastReconcileAt().toString());
        }
        if (status.lastDrift() != null) {
            Drift drift = status.lastDrift();
            response.withData("lastDrift", "vicidialChanges=" + drift.vicidialChanges() + " pushed=" + drift.pushed()
                    + " conflicts=" + drift.conflicts() + " refused=" + drift.refused());
        }
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        if (status.forwardError() != null) {
            response.withData("forwardError", status.forwardError());
        }
        return response.build();
    }
}
