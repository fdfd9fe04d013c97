package io.dialfleet.api.rest;

import io.dialfleet.api.bridge.BridgeHealth;
import io.dialfleet.api.bridge.BridgeStatus;
import io.dialfleet.api.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/bridge}: the VICIdial bridge's health (docs/operations.md, "Health and drift"). */
@Path("/api/v1/bridge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bridge", description = "The VICIdial bridge: dialfleet beside a live VICIdial's MySQL")
@SecurityRequirement(name = OpenApiDefinition.OPERATOR)
@SecurityRequirement(name = OpenApiDefinition.OPERATOR_BASIC)
@RolesAllowed(Roles.OPERATOR)
public class BridgeResource {

    private final BridgeHealth health;

    public BridgeResource(BridgeHealth health) {
        this.health = health;
    }

    @GET
    @Operation(summary = "Connected, forward mirror lag, last reconcile and the drift it found")
    @APIResponse(responseCode = "200", description = "The bridge's state; enabled false when no MySQL URL is set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BridgeStatus.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> status() {
        return Uni.createFrom().item(Response.ok(health.status()).build());
    }
}
