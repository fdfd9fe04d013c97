package io.dialfleet.api.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of one refresh request (one non_agent_api call) on each server it targeted. */
@Schema(name = "RefreshRequestStatus", description = "A refresh request and its outcome on every targeted server")
public record RefreshRequestStatus(
        @Schema(description = "The X-Dialfleet-Request-Id of the non_agent_api reply") UUID requestId,
        @Schema(description = "When the API call that made the request was received") Instant requestedAt,
        @Schema(description = "Whether every targeted server's agent reported on the request") boolean complete,
        @Schema(description = "The targeted servers, ordered by server_ip") List<Target> servers) {

    public static final String PENDING = "pending";

    @Schema(name = "RefreshTargetStatus", description = "The request's outcome on one server")
    public record Target(
            @Schema(description = "servers.server_ip", example = "10.10.10.15") String serverIp,
            @Schema(description = "The config revision the request asked the agent to reach") long revision,
            @Schema(description = "pending until the server's agent reports a run that covered the request",
                    enumeration = {PENDING, "APPLIED", "UNCHANGED", "FAILED"})
            String status,
            @Schema(description = "The revision the reporting run applied or attempted", nullable = true)
            Long appliedRevision,
            @Schema(description = "What went wrong, when FAILED", nullable = true) String error,
            @Schema(description = "Host or pod name of the reporting agent", nullable = true) String agentId,
            @Schema(description = "When the reporting run finished", nullable = true) Instant finishedAt,
            @Schema(description = "Remarks of the reporting run that left no phone out; empty while pending")
            List<String> warnings,
            @Schema(description = "Every phone the reporting run left out of the server's Asterisk files, with "
                    + "why; empty while pending")
            List<ExcludedPhoneStatus> excluded) {
    }
}
