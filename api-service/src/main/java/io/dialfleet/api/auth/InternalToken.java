package io.dialfleet.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code Authorization: Bearer} header of an internal request against {@code dialfleet.internal.token}.
 * Without a configured token nothing is admitted: the peer-config answer carries every phone secret of a server.
 */
@ApplicationScoped
public class InternalToken {

    private static final String BEARER = "Bearer ";

    /**
     * SHA-256 of the token, so that comparing takes the same time wherever the first differing byte is and whatever
     * the presented token's length; null when no token is configured.
     */
    private final byte[] tokenDigest;

    public InternalToken(InternalConfig config) {
        this.tokenDigest = config.token()
                .filter(token -> !token.isBlank())
                .map(InternalToken::digest)
                .orElse(null);
    }

    public boolean admits(String authorization) {
        if (tokenDigest == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        return MessageDigest.isEqual(tokenDigest, presented);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
