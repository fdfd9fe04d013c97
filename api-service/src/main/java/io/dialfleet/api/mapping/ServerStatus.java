package io.dialfleet.api.mapping;

import io.dialfleet.events.RefreshOutcome;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One server of the fleet view: the revision it should run, the one its agent applied, and the last report. */
@Schema(name = "ServerStatus", description = "A server's desired and applied configuration revision")
public record ServerStatus(
        @Schema(description = "servers.server_ip", example = "10.10.10.15") String serverIp,
        @Schema(description = "servers.server_id", example = "S1") String serverId,
        @Schema(description = "servers.config_revision: raised with every change to one of the server's phones")
        long desiredRevision,
        @Schema(description = "The highest revision a successful agent run applied; null until one did",
                nullable = true)
        Long appliedRevision,
        @Schema(description = "Whether the applied revision is at least the desired one") boolean inSync,
        @Schema(description = "servers.rebuild_conf_files = 'Y': a rebuild is pending, as in VICIdial")
        boolean rebuildConfFiles,
        @Schema(description = "Whether an agent renders this server's conf (generate_vicidial_conf and "
                + "active_asterisk_server both 'Y')")
        boolean generatesConf,
        @Schema(description = "Outcome of the agent run that finished last; null before the first report",
                nullable = true)
        RefreshOutcome lastOutcome,
        @Schema(description = "What went wrong, when the last run FAILED", nullable = true) String lastError,
        @Schema(description = "Host or pod name of the agent that reported last", nullable = true) String agentId,
        @Schema(description = "When the last reported run finished", nullable = true) Instant lastRefreshAt,
        @Schema(description = "Remarks of the last reported run that left no phone out (a duplicate dialplan number "
                + "or mailbox, a template_id naming no template); empty before the first report")
        List<String> warnings,
        @Schema(description = "Every phone the last reported run left out of the server's Asterisk files, with why "
                + "(refused before writing, or found dead by verification and applied without); empty before the "
                + "first report")
        List<ExcludedPhoneStatus> excluded) {
}
