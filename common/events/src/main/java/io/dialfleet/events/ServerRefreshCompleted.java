package io.dialfleet.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a refresh-agent did for one run (or its start-up reconciliation, with no request ids).
 *
 * @param excluded phones left out of this server's Asterisk files, each with why: refused before writing (a name
 *                 Asterisk would cut, an empty secret, an incomplete template) or found dead by verification and
 *                 applied without. An {@code APPLIED} run with exclusions applied every other phone. Null in reports
 *                 of agents older than this field.
 */
public record ServerRefreshCompleted(
        int schemaVersion,
        UUID eventId,
        String serverIp,
        String agentId,
        List<UUID> requestIds,
        long revision,
        RefreshOutcome outcome,
        PeerCounts peers,
        List<FileResult> files,
        List<ReloadResult> reloads,
        boolean rolledBack,
        String error,
        List<String> warnings,
        List<ExcludedPhone> excluded,
        Instant startedAt,
        Instant finishedAt,
        long durationMs) {

    public static final int SCHEMA_VERSION = 1;

    public record PeerCounts(int sip, int iax2, int pjsip) {
    }

    public record FileResult(String name, String sha256, long bytes, boolean changed) {
    }

    public record ReloadResult(String command, boolean ok, long millis) {
    }

    /** One phone this run left out, with the reason an operator can act on (never a secret's value). */
    public record ExcludedPhone(String extension, String protocol, String reason) {
    }
}
