package io.dialfleet.api.domain;

import io.dialfleet.events.RefreshOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** What a server's refresh-agent last reported ({@code server_refresh_state}); written by the status consumer. */
@Entity
@Immutable
@Table(name = "server_refresh_state")
public class ServerRefreshState {

    @Id
    @Column(name = "server_ip")
    public String serverIp;

    /** The highest revision a successful run applied; null until one did. */
    @Column(name = "applied_revision")
    public Long appliedRevision;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_outcome")
    public RefreshOutcome lastOutcome;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "last_finished_at")
    public Instant lastFinishedAt;

    /** JSON array: the warnings of the run that finished last; null before it (V10). */
    @Column(name = "last_warnings")
    @ColumnTransformer(read = "CAST(last_warnings AS text)")
    public String lastWarnings;

    /** JSON array: the phones the run that finished last left out, with why; null before it (V10). */
    @Column(name = "last_excluded")
    @ColumnTransformer(read = "CAST(last_excluded AS text)")
    public String lastExcluded;
}
