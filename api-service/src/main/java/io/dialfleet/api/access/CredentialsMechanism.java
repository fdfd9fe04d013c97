package io.dialfleet.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code Authorization} header of the JSON API and the internal endpoint: {@code Basic} goes to
 * {@link BasicLoginProvider} (the Non-Agent API's login rules), {@code Bearer} to {@link BearerTokenProvider}
 * (operator token, agent keys). Schemes are case-insensitive (RFC 9110 §11.1). Authentication is not proactive
 * ({@code quarkus.http.auth.proactive=false}): it runs only for endpoints that require a role, never for the
 * Non-Agent API, whose replies are VICIdial's.
 */
@ApplicationScoped
public class CredentialsMechanism implements HttpAuthenticationMechanism {

    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        AuthenticationRequest request = null;
        if (hasScheme(authorization, BEARER)) {
            String token = authorization.substring(BEARER.length()).trim();
            request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        } else if (hasScheme(authorization, BASIC)) {
            request = basic(authorization.substring(BASIC.length()).trim());
        }
        if (request == null) {
            return authorization == null
                    ? Uni.createFrom().optional(Optional.empty())
                    : Uni.createFrom().failure(new AuthenticationFailedException());
        }
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate",
                Challenges.of(context.normalizedPath(), false).get(0)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "basic"));
    }

    /** A header that is not {@code user:password} in base64 authenticates nobody. */
    private static AuthenticationRequest basic(String encoded) {
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new UsernamePasswordAuthenticationRequest(credentials.substring(0, colon),
                new PasswordCredential(credentials.substring(colon + 1).toCharArray()));
    }

    private static boolean hasScheme(String authorization, String scheme) {
        return authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
