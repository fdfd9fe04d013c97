package io.dialfleet.api.agents;

import java.time.Instant;

/**
 * A key just issued: the only answer that carries its credential, which is shown once and then only the agent has
 * (the api-service keeps the secret to check signatures, but never shows it again).
 *
 * @param credential what the agent is configured with ({@code dialfleet.agent.credential})
 */
public record IssuedKey(String keyId, String serverIp, Instant createdAt, String credential) {

    @Override
    public String toString() {
        return "IssuedKey[" + keyId + ", " + serverIp + "]";
    }
}
