package io.dialfleet.agent.client;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.events.AgentCredential;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who this agent is to the api-service (docs/operations.md, "Agent credentials"): its own credential
 * ({@code dialfleet.agent.credential}), presented as Bearer token and used to sign its status reports; or, in the
 * shared-token development mode, {@code dialfleet.agent.api.token}, with unsigned reports. A credential that is not
 * of the issued form stops the agent at start-up rather than at its first run.
 */
@ApplicationScoped
@Startup
public class AgentAuthorization {

    private final Optional<AgentCredential> credential;
    private final String bearer;

    public AgentAuthorization(AgentConfig config) {
        this.credential = config.credential().or(() -> config.credentialFile().map(AgentAuthorization::read))
                .map(text -> AgentCredential.parse(text).orElseThrow(() -> new IllegalArgumentException(
                        "dialfleet.agent.credential is not an agent key (ak_<16 hex digits>.<secret>, as "
                                + "POST /api/v1/servers/{ip}/agent-keys answers it)")));
        this.bearer = credential.map(AgentCredential::token).or(() -> config.api().token()).orElse("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("dialfleet.agent.credential-file " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code Authorization} header value of the internal endpoint. */
    public String authorizationHeader() {
        return "Bearer " + bearer;
    }

    /** The key reports are signed with; empty in the shared-token development mode. */
    public Optional<AgentCredential> signingKey() {
        return credential;
    }
}
