package io.dialfleet.api.domain;

import io.dialfleet.events.RefreshOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/**
 * One server a refresh request targeted ({@code refresh_request_targets}), and what its agent reported for the
 * request; the outcome is null while the request is pending.
 */
@Entity
@Immutable
@IdClass(RefreshTarget.Key.class)
@Table(name = "refresh_request_targets")
public class RefreshTarget {

    public record Key(UUID requestId, String serverIp) implements Serializable {
    }

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Id
    @Column(name = "server_ip")
    public String serverIp;

    /** The revision the request asked for. */
    @Column(name = "revision")
    public long revision;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome")
    public RefreshOutcome outcome;

    /** The revision the reporting run applied or attempted. */
    @Column(name = "applied_revision")
    public Long appliedRevision;

    @Column(name = "error")
    public String error;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** JSON array: the reporting run's warnings; null while pending (V10). */
    @Column(name = "warnings")
    @ColumnTransformer(read = "CAST(warnings AS text)")
    public String warnings;

    /** JSON array: the phones the reporting run left out, with why; null while pending (V10). */
    @Column(name = "excluded")
    @ColumnTransformer(read = "CAST(excluded AS text)")
    public String excluded;
}
