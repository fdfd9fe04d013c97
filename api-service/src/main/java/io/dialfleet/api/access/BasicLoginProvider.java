package io.dialfleet.api.access;

import io.dialfleet.api.compat.OperatorLogin;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * HTTP Basic on the JSON API: the Non-Agent API's own login rules ({@link OperatorLogin}) — the same lockout, IP
 * lists, failure counting and time for unknown users. An accepted user of level 9 with {@code ast_admin_access} 1
 * is an operator; any other accepted user is authenticated without a role (403 on the operator endpoints).
 */
@ApplicationScoped
public class BasicLoginProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final OperatorLogin login;

    public BasicLoginProvider(OperatorLogin login) {
        this.login = login;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String clientAddress = routing == null ? "" : routing.request().remoteAddress().hostAddress();
        return login.login(user, password, clientAddress).map(result -> {
            if (!result.accepted()) {
                throw new AuthenticationFailedException(Map.of(Roles.REFUSAL, result.refusal()));
            }
            var identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user));
            if (result.operator()) {
                identity.addRole(Roles.OPERATOR);
            }
            return identity.build();
        });
    }
}
