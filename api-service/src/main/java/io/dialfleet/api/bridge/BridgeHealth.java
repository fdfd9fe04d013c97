package io.dialfleet.api.bridge;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The bridge's state as its threads report it, read by the readiness check and {@code GET /api/v1/bridge}. The
 * connection's state is {@link VicidialDatabase}'s: its error names the failure's class and SQL state, never a
 * value or a credential.
 */
@ApplicationScoped
public class BridgeHealth {

    private final BridgeConfig config;
    private final VicidialDatabase database;
    private final ForwardMirror mirror;
    private volatile Long lastAdminLogId;
    private volatile Instant lastReconcileAt;
    private volatile Long lastReconcileMillis;
    private volatile Drift lastDrift;
    private Drift driftSinceStart = Drift.NONE;

    public BridgeHealth(BridgeConfig config, VicidialDatabase database, ForwardMirror mirror) {
        this.config = config;
        this.database = database;
        this.mirror = mirror;
    }

    void adminLogRead(long id) {
        lastAdminLogId = id;
    }

    synchronized void found(Drift drift) {
        driftSinceStart = driftSinceStart.plus(drift);
    }

    synchronized void reconciled(Instant at, long millis, Drift drift) {
        lastReconcileAt = at;
        lastReconcileMillis = millis;
        lastDrift = drift;
        driftSinceStart = driftSinceStart.plus(drift);
    }

    public synchronized BridgeStatus status() {
        if (!config.enabled()) {
            return new BridgeStatus(false, false, 0, 0, null, null, null, null, Drift.NONE, null, null);
        }
        VicidialDatabase.Reachability reachability = database.reachability();
        MirrorStatus forward = mirror.status();
        double lagSeconds = forward.oldestPending() == null ? 0
                : Math.max(0, Duration.between(forward.oldestPending(), Instant.now()).toMillis() / 1000.0);
        return new BridgeStatus(true, reachability.connected(), forward.lagRecords(), lagSeconds,
                lastAdminLogId, lastReconcileAt, lastReconcileMillis, lastDrift, driftSinceStart,
                reachability.connected() ? null : reachability.error(),
                forward.retrying() ? forward.lastError() : null);
    }
}
