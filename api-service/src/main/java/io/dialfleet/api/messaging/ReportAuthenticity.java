package io.dialfleet.api.messaging;

import io.dialfleet.api.agents.AgentAuth;
import io.dialfleet.api.agents.AgentKeys;
import io.dialfleet.api.agents.AgentsConfig;
import io.dialfleet.events.ReportSignature;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Whether a status record was signed, for the server it is keyed by, with an active key of that server
 * ({@link ReportSignature}). In the shared-token development mode an unsigned record passes; a signed one is checked
 * all the same.
 */
@ApplicationScoped
class ReportAuthenticity {

    private final AgentKeys keys;
    private final boolean unsignedAccepted;

    ReportAuthenticity(AgentKeys keys, AgentsConfig config) {
        this.keys = keys;
        this.unsignedAccepted = config.auth() == AgentAuth.SHARED_TOKEN;
    }

    /** Empty when the record may be believed; else why not. */
    Uni<Optional<RejectReason>> check(String recordKey, byte[] value, String keyId, String signature) {
        if (keyId == null && signature == null && unsignedAccepted) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (keyId == null || signature == null) {
            return reject(RejectReason.UNSIGNED);
        }
        return keys.active(keyId).map(found -> {
            if (found.isEmpty()) {
                return Optional.of(RejectReason.UNKNOWN_KEY);
            }
            if (recordKey == null || !found.get().serverIp().equalsIgnoreCase(recordKey)) {
                return Optional.of(RejectReason.KEY_OF_ANOTHER_SERVER);
            }
            return ReportSignature.verify(found.get().secret(), keyId, recordKey, value, signature)
                    ? Optional.empty()
                    : Optional.of(RejectReason.BAD_SIGNATURE);
        });
    }

    private static Uni<Optional<RejectReason>> reject(RejectReason reason) {
        return Uni.createFrom().item(Optional.of(reason));
    }
}
