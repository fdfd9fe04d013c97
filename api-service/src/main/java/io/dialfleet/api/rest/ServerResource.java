package io.dialfleet.api.rest;

import io.dialfleet.api.mapping.ServerStatus;
import io.dialfleet.api.service.FleetStatusService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/servers[/{server_ip}]}: each server's desired and applied revision, and its agent's last report. */
@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "Where each server's Asterisk configuration stands")
@SecurityRequirement(name = OpenApiDefinition.OPERATOR)
@SecurityRequirement(name = OpenApiDefinition.OPERATOR_BASIC)
public class ServerResource {

    private final OperatorAccess access;
    private final FleetStatusService fleet;

    public ServerResource(OperatorAccess access, FleetStatusService fleet) {
        this.access = access;
        this.fleet = fleet;
    }

    @GET
    @Operation(summary = "Every server, ordered by server_ip")
    @APIResponse(responseCode = "200", description = "The servers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ServerStatus.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return access.guard(authorization, caller -> fleet.servers()
                .map(servers -> Response.ok(servers).build()));
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
            String serverIp,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return access.guard(authorization, caller -> fleet.server(serverIp)
                .map(server -> server
                        .map(found -> Response.ok(found))
                        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                                .entity(new ErrorBody("no server " + serverIp)))
                        .build()));
    }
}
