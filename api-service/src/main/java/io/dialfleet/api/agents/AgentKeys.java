package io.dialfleet.api.agents;

import io.dialfleet.api.repository.AgentKeyRepository;
import io.dialfleet.api.repository.AgentKeyRepository.ActiveKey;
import io.dialfleet.api.repository.AgentKeyRepository.AgentKeyRow;
import io.dialfleet.events.AgentCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Issues, lists and revokes the refresh-agents' keys, and tells which server a presented credential belongs to.
 * Rotation is issue, switch the agent, revoke the old key: both keys work in between.
 */
@ApplicationScoped
public class AgentKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final AgentKeyRepository keys;

    public AgentKeys(Pool pool, AgentKeyRepository keys) {
        this.pool = pool;
        this.keys = keys;
    }

    /** A new key for the server; empty when no server has this server_ip. */
    public Uni<Optional<IssuedKey>> issue(String serverIp) {
        AgentCredential credential = newCredential();
        return keys.insert(pool, credential.keyId(), serverIp, credential.secret())
                .map(row -> Optional.ofNullable(row)
                        .map(issued -> new IssuedKey(issued.keyId(), issued.serverIp(), issued.createdAt(),
                                credential.token())));
    }

    public Uni<List<AgentKeyRow>> list(String serverIp) {
        return keys.list(pool, serverIp);
    }

    public Uni<Optional<AgentKeyRow>> revoke(String serverIp, String keyId) {
        return keys.revoke(pool, serverIp, keyId);
    }

    /** The active key a Bearer token is the credential of, when its secret matches. */
    public Uni<Optional<ActiveKey>> authenticate(String bearerToken) {
        Optional<AgentCredential> credential = AgentCredential.parse(bearerToken);
        if (credential.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return keys.findActive(pool, credential.get().keyId())
                .map(found -> found.filter(key -> sameSecret(key.secret(), credential.get().secret())));
    }

    /** The active key of this id, for checking a report's signature. */
    public Uni<Optional<ActiveKey>> active(String keyId) {
        return AgentCredential.isKeyId(keyId) ? keys.findActive(pool, keyId) : Uni.createFrom().item(Optional.empty());
    }

    private static boolean sameSecret(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static AgentCredential newCredential() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new AgentCredential("ak_" + HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }
}
