package io.dialfleet.api.rest;

import io.dialfleet.api.access.Roles;
import io.dialfleet.api.service.PeerConfigService;
import io.dialfleet.events.PeerConfigSnapshot;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /internal/v1/servers/{server_ip}/peer-config}: what a refresh-agent renders its server's Asterisk files
 * from. The answer holds phone secrets, so only an agent of that server may read it — its own key, bound to the
 * server (docs/operations.md, "Agent credentials"), or in the shared-token development mode the internal token —
 * and it is never logged.
 */
@Path("/internal/v1/servers/{server_ip}/peer-config")
@Tag(name = "internal", description = "Endpoints for dialfleet's refresh-agents")
@RolesAllowed(Roles.AGENT)
public class PeerConfigResource {

    private final PeerConfigService peerConfig;
    private final SecurityIdentity identity;

    public PeerConfigResource(PeerConfigService peerConfig, SecurityIdentity identity) {
        this.peerConfig = peerConfig;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiDefinition.AGENT_KEY)
    @Operation(summary = "The server's peer-config snapshot",
            description = "The server row, the system's default codecs, the templates its phones use and its active "
                    + "SIP, IAX2 and PJSIP phones with their secrets (ordered by extension, case-insensitively), "
                    + "with the config revision they were read at, all from one consistent read.")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PeerConfigSnapshot.class)))
    @APIResponse(responseCode = "401", description = "No agent key, or one not issued or revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The agent key of another server",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No server has this server_ip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> peerConfig(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp) {
        String keyServer = identity.getAttribute(Roles.AGENT_SERVER);
        if (keyServer != null && !keyServer.equalsIgnoreCase(serverIp)) {
            throw new ForbiddenException("agent key of " + keyServer);
        }
        return peerConfig.snapshot(serverIp)
                .map(snapshot -> snapshot
                        .map(found -> Response.ok(found, MediaType.APPLICATION_JSON_TYPE)
                                .header(HttpHeaders.CACHE_CONTROL, "no-store"))
                        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                                .type(MediaType.APPLICATION_JSON)
                                .entity(new ErrorBody("no server " + serverIp)))
                        .build());
    }
}
