package io.dialfleet.api.seed;

import io.dialfleet.api.auth.ApiPasswords;
import io.dialfleet.api.seed.SeedRepository.AdminCandidate;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may call the admin endpoints (seed-format.md): the holder of {@code dialfleet.admin.token}, or a VICIdial
 * user of level 9 with {@code ast_admin_access} 1 who is active, checked with the API's own password rules (D5).
 */
@ApplicationScoped
public class AdminAuthenticator {

    /** The name changes made with the operator token are audited under. */
    public static final String OPERATOR = "operator";
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    private static final int ADMIN_LEVEL = 9;

    private final Pool pool;
    private final SeedRepository seeds;
    private final ApiPasswords passwords;
    /**
     * SHA-256 of the token, so that comparing never depends on where the first differing byte is, nor on its
     * length; null when token authentication is off.
     */
    private final byte[] tokenDigest;

    public AdminAuthenticator(Pool pool, SeedRepository seeds, ApiPasswords passwords, SeedConfig config) {
        this.pool = pool;
        this.seeds = seeds;
        this.passwords = passwords;
        this.tokenDigest = config.admin().token()
                .filter(token -> !token.isBlank())
                .map(AdminAuthenticator::digest)
                .orElse(null);
    }

    /** Whether a Bearer token is accepted at all, which the 401 answer announces. */
    public boolean tokenEnabled() {
        return tokenDigest != null;
    }

    /** The caller's name for the audit, when the {@code Authorization} header admits them. */
    public Uni<Optional<String>> authenticate(String authorization) {
        if (hasScheme(authorization, BEARER)) {
            return Uni.createFrom().item(bearer(authorization.substring(BEARER.length()).trim()));
        }
        if (hasScheme(authorization, BASIC)) {
            return basic(authorization.substring(BASIC.length()).trim());
        }
        return Uni.createFrom().item(Optional.empty());
    }

    /** Authentication schemes are case-insensitive (RFC 9110 §11.1). */
    private static boolean hasScheme(String authorization, String scheme) {
        return authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    private Optional<String> bearer(String token) {
        boolean matches = tokenDigest != null && MessageDigest.isEqual(tokenDigest, digest(token));
        return matches ? Optional.of(OPERATOR) : Optional.empty();
    }

    private Uni<Optional<String>> basic(String encoded) {
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Uni.createFrom().item(Optional.empty());
        }
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        String user = credentials.substring(0, colon);
        String password = credentials.substring(colon + 1);
        return seeds.findAdminCandidate(pool, user)
                .chain(candidate -> candidate.filter(AdminAuthenticator::mayAdminister).isEmpty()
                        ? Uni.createFrom().item(false)
                        : verify(user, password, candidate.get()))
                .map(verified -> verified ? Optional.of(user) : Optional.empty());
    }

    private static boolean mayAdminister(AdminCandidate candidate) {
        return candidate.userLevel() >= ADMIN_LEVEL && "1".equals(candidate.astAdminAccess())
                && "Y".equals(candidate.active());
    }

    /** bcrypt only on a worker: the event loop must not wait tens of milliseconds. */
    private Uni<Boolean> verify(String user, String password, AdminCandidate candidate) {
        Optional<Boolean> known = passwords.matchWithoutBcrypt(user, password, candidate.passHash(),
                candidate.passKey(), candidate.passCost());
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return Uni.createFrom()
                .item(() -> passwords.matches(user, password, candidate.passHash(), candidate.passKey(),
                        candidate.passCost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
