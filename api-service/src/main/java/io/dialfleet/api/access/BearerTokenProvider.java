package io.dialfleet.api.access;

import io.dialfleet.api.agents.AgentAuth;
import io.dialfleet.api.agents.AgentKeys;
import io.dialfleet.api.agents.AgentsConfig;
import io.dialfleet.api.auth.InternalConfig;
import io.dialfleet.api.seed.SeedConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A Bearer token: the operator token ({@code dialfleet.admin.token}), an agent's own key (bound to its server), or —
 * only in the shared-token development mode — {@code dialfleet.internal.token}, an agent of every server. Tokens are
 * compared through their SHA-256, so the time taken does not depend on where they differ nor on their length.
 */
@ApplicationScoped
public class BearerTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The name changes made with the operator token are audited under. */
    public static final String OPERATOR = "operator";
    private static final String SHARED_AGENT = "agent";

    private final AgentKeys agentKeys;
    private final byte[] operatorDigest;
    private final byte[] sharedAgentDigest;

    public BearerTokenProvider(AgentKeys agentKeys, SeedConfig seed, InternalConfig internal, AgentsConfig agents) {
        this.agentKeys = agentKeys;
        this.operatorDigest = digestOf(seed.admin().token());
        this.sharedAgentDigest = agents.auth() == AgentAuth.SHARED_TOKEN ? digestOf(internal.token()) : null;
    }

    /** Whether an operator token is configured, which a 401 announces. */
    public boolean operatorTokenEnabled() {
        return operatorDigest != null;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        byte[] presented = digest(token);
        if (operatorDigest != null && MessageDigest.isEqual(operatorDigest, presented)) {
            return Uni.createFrom().item(identity(OPERATOR, Roles.OPERATOR, null));
        }
        if (sharedAgentDigest != null && MessageDigest.isEqual(sharedAgentDigest, presented)) {
            return Uni.createFrom().item(identity(SHARED_AGENT, Roles.AGENT, null));
        }
        return agentKeys.authenticate(token).map(key -> key
                .map(found -> identity(found.keyId(), Roles.AGENT, found.serverIp()))
                .orElseThrow(AuthenticationFailedException::new));
    }

    private static SecurityIdentity identity(String name, String role, String agentServer) {
        var identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(role);
        if (agentServer != null) {
            identity.addAttribute(Roles.AGENT_SERVER, agentServer);
        }
        return identity.build();
    }

    private static byte[] digestOf(Optional<String> token) {
        return token.filter(value -> !value.isBlank()).map(BearerTokenProvider::digest).orElse(null);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
