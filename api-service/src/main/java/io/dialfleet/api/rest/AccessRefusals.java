package io.dialfleet.api.rest;

import io.dialfleet.api.access.BearerTokenProvider;
import io.dialfleet.api.access.Challenges;
import io.dialfleet.api.access.Roles;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The answers of the JSON API and the internal endpoint when a caller is not let in: 401 with the challenges and a
 * JSON error (for a refused Basic login, the Non-Agent API's reply line for the same refusal: BAD, LOCK or IPBLOCK),
 * 403 when the caller is known but may not do this.
 */
public class AccessRefusals {

    private static final Logger LOG = Logger.getLogger(AccessRefusals.class);
    private static final String OPERATOR_REQUIRED = "an operator token or an admin user's Basic credentials are required";

    private final boolean operatorTokenEnabled;

    public AccessRefusals(BearerTokenProvider tokens) {
        this.operatorTokenEnabled = tokens.operatorTokenEnabled();
    }

    /** A login that could not be checked (the database failed) is not a refusal: 503, as the Non-Agent API answers. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException failed, UriInfo uri) {
        if (failed.getCause() != null && !(failed.getCause() instanceof AuthenticationException)) {
            LOG.errorf("authentication could not be checked, answered 503: %s", failed.getCause().getClass().getName());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("the credentials cannot be checked now; try again"))
                    .build();
        }
        String refusal = failed.getAttribute(Roles.REFUSAL);
        return unauthorized(uri, refusal == null ? requirement(uri) : refusal.strip());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException missing, UriInfo uri) {
        return unauthorized(uri, requirement(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException forbidden, UriInfo uri) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(internal(uri) ? "this agent's key is bound to another server" : OPERATOR_REQUIRED))
                .build();
    }

    private Response unauthorized(UriInfo uri, String error) {
        var response = Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(error));
        Challenges.of(path(uri), operatorTokenEnabled)
                .forEach(challenge -> response.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return response.build();
    }

    private static String requirement(UriInfo uri) {
        return internal(uri) ? "the agent's key is required" : OPERATOR_REQUIRED;
    }

    private static boolean internal(UriInfo uri) {
        return path(uri).startsWith(Challenges.INTERNAL_PATH);
    }

    private static String path(UriInfo uri) {
        String path = uri.getPath();
        return path.startsWith("/") ? path : "/" + path;
    }
}
