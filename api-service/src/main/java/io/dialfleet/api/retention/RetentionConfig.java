package io.dialfleet.api.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the tables that grow with every change keep their rows, and how the pruner deletes them. */
@ConfigMapping(prefix = "dialfleet.retention")
public interface RetentionConfig {

    /** Whether the pruner runs at all; {@code false} keeps every row (an operator may prune by hand). */
    @WithDefault("true")
    boolean enabled();

    /** Time between two pruning passes (the first starts one interval after start-up). */
    @WithDefault("PT10M")
    Duration interval();

    /** Age of a published outbox row, since its publication, after which it is deleted; unpublished rows stay. */
    @WithDefault("P7D")
    Duration outbox();

    /**
     * Age of a settled refresh request target (APPLIED, UNCHANGED or FAILED), since its agent's report, after which
     * it is deleted; {@code GET /api/v1/refreshes/{id}} then answers 404. Pending targets stay.
     */
    @WithDefault("P30D")
    Duration refreshTargets();

    /** Age of a {@code vicidial_api_log} row after which it is deleted. */
    @WithDefault("P90D")
    Duration apiLog();

    /** Age of a {@code vicidial_admin_log} row (the audit trail of every change) after which it is deleted. */
    @WithDefault("P365D")
    Duration adminLog();

    /** Most rows one DELETE statement removes (its own short transaction). */
    @WithDefault("1000")
    int batchSize();

    /** Pause after each full batch, so that pruning a large backlog leaves PostgreSQL to the API. */
    @WithDefault("PT0.2S")
    Duration pause();
}
