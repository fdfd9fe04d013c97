package io.dialfleet.api.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.mapping.ServerStatus;
import io.dialfleet.api.service.FleetStatusService;
import io.dialfleet.api.service.RenderModeService;
import io.dialfleet.events.Actor;
import io.dialfleet.events.RenderMode;
import io.dialfleet.api.access.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/servers[/{server_ip}]}: each server's desired and applied revision, its renderer and its agent's
 * last report; {@code PUT /api/v1/servers/{server_ip}/render-mode} chooses the renderer.
 */
@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Where each server's Asterisk configuration stands")
@SecurityRequirement(name = OpenApiDefinition.OPERATOR)
@SecurityRequirement(name = OpenApiDefinition.OPERATOR_BASIC)
@RolesAllowed(Roles.OPERATOR)
public class ServerResource {

    /** The actor {@code source} of a render-mode change in its refresh request. */
    public static final String SOURCE = "operator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetStatusService fleet;
    private final RenderModeService renderModes;
    private final SecurityIdentity identity;

    public ServerResource(FleetStatusService fleet, RenderModeService renderModes, SecurityIdentity identity) {
        this.fleet = fleet;
        this.renderModes = renderModes;
        this.identity = identity;
    }

    /** The body of {@code PUT …/render-mode}. */
    @Schema(name = "RenderModeChange", description = "The renderer a server should have")
    public record RenderModeBody(
            @Schema(description = "DIALFLEET: the refresh-agent renders the phone files; VICIDIAL: VICIdial's "
                    + "keepalive script renders them and the agent only verifies", required = true)
            RenderMode renderMode) {
    }

    @GET
    @Operation(summary = "Every server, ordered by server_ip")
    @APIResponse(responseCode = "200", description = "The servers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ServerStatus.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> list() {
        return fleet.servers().map(servers -> Response.ok(servers).build());
    }

    @GET
    @Path("/{server_ip}")
    @Operation(summary = "One server")
    @APIResponse(responseCode = "200", description = "The server",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServerStatus.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No server has this server_ip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> get(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp) {
        return fleet.server(serverIp)
                .map(server -> server
                        .map(found -> Response.ok(found).build())
                        .orElseGet(() -> notFound(serverIp)));
    }

    @PUT
    @Path("/{server_ip}/render-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose who renders the server's phone peers",
            description = "A new mode raises the server's revision and, when an agent serves the server, sends it a "
                    + "forced refresh request (its id in the x-dialfleet-request-id header). The same mode again "
                    + "changes nothing.")
    @APIResponse(responseCode = "200", description = "The server with its render mode",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServerStatus.class)))
    @APIResponse(responseCode = "400", description = "No renderMode, or not DIALFLEET or VICIDIAL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No server has this server_ip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> setRenderMode(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp, @Context HttpServerRequest request,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RenderModeBody.class))) String body) {
        Optional<RenderMode> mode = renderMode(body);
        if (mode.isEmpty()) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("the body must be {\"renderMode\":\"DIALFLEET\"} or "
                            + "{\"renderMode\":\"VICIDIAL\"}"))
                    .build());
        }
        var actor = new Actor(identity.getPrincipal().getName(), SOURCE, request.remoteAddress().hostAddress(), null);
        return renderModes.set(serverIp, mode.get(), actor)
                .chain(outcome -> !outcome.serverFound()
                        ? Uni.createFrom().item(notFound(serverIp))
                        : fleet.server(serverIp).map(server -> {
                            var response = Response.ok(server.orElseThrow());
                            outcome.requestId().ifPresent(id -> response.header(NonAgentApiRoute.REQUEST_ID_HEADER, id));
                            return response.build();
                        }));
    }

    /** Read here rather than by the framework, so that every bad body gets the same clear answer. */
    private static Optional<RenderMode> renderMode(String body) {
        try {
            RenderModeBody parsed = JSON.readValue(body == null ? "" : body, RenderModeBody.class);
            return Optional.ofNullable(parsed.renderMode());
        } catch (IOException notAMode) {
            return Optional.empty();
        }
    }

    private static Response notFound(String serverIp) {
        return Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("no server " + serverIp)).build();
    }
}
