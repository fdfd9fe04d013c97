package io.dialfleet.api.rest;

import io.dialfleet.api.auth.InternalToken;
import io.dialfleet.api.service.PeerConfigService;
import io.dialfleet.events.PeerConfigSnapshot;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /internal/v1/servers/{server_ip}/peer-config}: what a refresh-agent renders its server's Asterisk files
 * from. The answer holds phone secrets, so it needs the internal token, and it is never logged.
 */
@Path("/internal/v1/servers/{server_ip}/peer-config")
@Tag(name = "internal", description = "Endpoints for dialfleet's refresh-agents")
public class PeerConfigResource {

    private final InternalToken token;
    private final PeerConfigService peerConfig;

    public PeerConfigResource(InternalToken token, PeerConfigService peerConfig) {
        this.token = token;
        this.peerConfig = peerConfig;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiDefinition.INTERNAL_TOKEN)
    @Operation(summary = "The server's peer-config snapshot",
            description = "The server row, the system's default codecs, the templates its phones use and its active "
                    + "SIP, IAX2 and PJSIP phones with their secrets (ordered by extension, case-insensitively), "
                    + "with the config revision they were read at, all from one consistent read.")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PeerConfigSnapshot.class)))
    @APIResponse(responseCode = "401", description = "No internal token, or a wrong one (or none is configured)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No server has this server_ip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> peerConfig(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!token.admits(authorization)) {
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED)
                    .type(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dialfleet internal\"")
                    .entity(new ErrorBody("the internal token is required"))
                    .build());
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
