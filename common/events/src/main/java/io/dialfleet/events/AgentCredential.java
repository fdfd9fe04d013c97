package io.dialfleet.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A refresh-agent's own credential, as the operator receives it once when the key is issued
 * (docs/operations.md, "Agent credentials"): {@code <key id>.<secret>}. The agent presents the whole string as its
 * Bearer token to the api-service and signs its status reports with the secret under the key id
 * ({@link ReportSignature}).
 *
 * @param keyId  names the key in {@code agent_keys} and in the reports' headers; not secret
 * @param secret the shared secret, base64url without padding
 */
public record AgentCredential(String keyId, String secret) {

    private static final Pattern KEY_ID = Pattern.compile("ak_[0-9a-f]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The credential in a Bearer token or a configuration value; empty for anything not shaped like one. */
    public static Optional<AgentCredential> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String keyId = trimmed.substring(0, dot);
        String secret = trimmed.substring(dot + 1);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new AgentCredential(keyId, secret));
    }

    /** Whether a key id has the issued form (cheap check before a database lookup). */
    public static boolean isKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** The form the operator hands to the agent. */
    public String token() {
        return keyId + "." + secret;
    }

    /** Never the secret: credentials may end up in a log line through a record's default text. */
    @Override
    public String toString() {
        return "AgentCredential[" + keyId + "]";
    }
}
