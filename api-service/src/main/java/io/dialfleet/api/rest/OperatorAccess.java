package io.dialfleet.api.rest;

import io.dialfleet.api.seed.AdminAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator check of the JSON API ({@code /api/v1/*}): the {@code dialfleet.admin.token} Bearer token, or HTTP
 * Basic as an active VICIdial user of level 9 with {@code ast_admin_access} 1; anything else gets 401.
 */
@ApplicationScoped
public class OperatorAccess {

    private static final String REALM = "realm=\"dialfleet admin\"";

    private final AdminAuthenticator authenticator;

    public OperatorAccess(AdminAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Runs {@code action} with the caller's name when the {@code Authorization} header admits them. It runs on the
     * request's Vert.x context even when a password was verified on a worker thread: Hibernate Reactive sessions
     * live on that context.
     */
    public Uni<Response> guard(String authorization, Function<String, Uni<Response>> action) {
        Context context = Vertx.currentContext();
        Uni<Optional<String>> caller = authenticator.authenticate(authorization);
        if (context != null) {
            caller = caller.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return caller.chain(name -> name.isEmpty() ? Uni.createFrom().item(refusal()) : action.apply(name.get()));
    }

    private Response refusal() {
        var response = Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "an operator token or an admin user's Basic credentials are required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic " + REALM + ", charset=\"UTF-8\"");
        if (authenticator.tokenEnabled()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + REALM);
        }
        return response.build();
    }
}
