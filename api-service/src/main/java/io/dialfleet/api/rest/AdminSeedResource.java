package io.dialfleet.api.rest;

import io.dialfleet.api.seed.SeedImporter;
import io.dialfleet.api.seed.SeedMode;
import io.dialfleet.api.seed.SeedRejected;
import io.dialfleet.events.Actor;
import io.dialfleet.api.access.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /api/v1/admin/seed?mode=replace|merge|if-empty[&silent=true]}: imports a fleet seed document
 * (docs/spec/seed-format.md). The conformance replayer resets its fixture through it before every vector.
 */
@Path("/api/v1/admin/seed")
@RolesAllowed(Roles.OPERATOR)
public class AdminSeedResource {

    private final SeedImporter importer;
    private final SecurityIdentity identity;

    public AdminSeedResource(SeedImporter importer, SecurityIdentity identity) {
        this.importer = importer;
        this.identity = identity;
    }

    /** A 400 answer: what was wrong, every problem of the document at once. */
    public record Problem(String error, List<String> problems) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> importSeed(@QueryParam("mode") String mode, @QueryParam("silent") String silent, @Context HttpServerRequest request,
            byte[] document) {
        return importer.importJson(document, SeedMode.parse(mode), parseSilent(silent),
                        new Actor(identity.getPrincipal().getName(), SeedImporter.SOURCE,
                                request.remoteAddress().hostAddress(), SeedImporter.FUNCTION))
                .map(summary -> Response.ok(summary).build());
    }

    @ServerExceptionMapper
    public Response rejected(SeedRejected rejected) {
        String error = rejected.problems().size() == 1
                ? rejected.problems().get(0)
                : "the seed document has " + rejected.problems().size() + " problems";
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(error, rejected.problems()))
                .build();
    }

    private static boolean parseSilent(String silent) {
        if (silent == null || silent.equalsIgnoreCase("false")) {
            return false;
        }
        if (silent.equalsIgnoreCase("true")) {
            return true;
        }
        throw new SeedRejected("silent must be true or false");
    }
}
