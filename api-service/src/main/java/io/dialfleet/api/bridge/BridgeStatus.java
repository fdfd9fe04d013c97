package io.dialfleet.api.bridge;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/v1/bridge} and the readiness check's details: how the VICIdial bridge stands. */
@Schema(name = "BridgeStatus", description = "The VICIdial bridge: connection, mirror lag, last reconcile, drift")
public record BridgeStatus(
        @Schema(description = "Whether dialfleet.vicidial.url is set; all else is empty when it is not")
        boolean enabled,
        @Schema(description = "Whether the last use of VICIdial's MySQL succeeded") boolean connected,
        @Schema(description = "Change events not yet written to MySQL (the forward mirror's consumer lag)")
        long forwardLagRecords,
        @Schema(description = "Age in seconds of the oldest change event not yet written to MySQL; 0 when none")
        double forwardLagSeconds,
        @Schema(description = "The last vicidial_admin_log id the reverse path read", nullable = true)
        Long lastAdminLogId,
        @Schema(description = "When the last full comparison of both sides finished", nullable = true)
        Instant lastReconcileAt,
        @Schema(description = "How long it took, in milliseconds", nullable = true) Long lastReconcileMillis,
        @Schema(description = "What the last full comparison found", nullable = true) Drift lastDrift,
        @Schema(description = "Drift found since the service started (full comparisons and the admin-log tail)")
        Drift driftSinceStart,
        @Schema(description = "Why MySQL could not be reached, while connected is false", nullable = true)
        String lastError,
        @Schema(description = "Why the forward mirror's current batch failed, while it waits to retry it (the failure's "
                + "type and SQL state, never a value)", nullable = true)
        String forwardError) {
}
