package io.dialfleet.api.rest;

import io.dialfleet.api.mapping.RefreshRequestStatus;
import io.dialfleet.api.service.FleetStatusService;
import io.dialfleet.api.access.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/refreshes/{requestId}}: what became of the refresh a non_agent_api call requested (its reply's
 * {@code X-Dialfleet-Request-Id}), on each server it targeted.
 */
@Path("/api/v1/refreshes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet")
@SecurityRequirement(name = OpenApiDefinition.OPERATOR)
@SecurityRequirement(name = OpenApiDefinition.OPERATOR_BASIC)
@RolesAllowed(Roles.OPERATOR)
public class RefreshResource {

    private final FleetStatusService fleet;

    public RefreshResource(FleetStatusService fleet) {
        this.fleet = fleet;
    }

    @GET
    @Path("/{requestId}")
    @Operation(summary = "A refresh request's outcome per targeted server",
            description = "Each targeted server is pending until its agent reports a run that covered the request; "
                    + "complete is true once none is pending.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RefreshRequestStatus.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No refresh request has this id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> get(
            @Parameter(description = "The X-Dialfleet-Request-Id of a non_agent_api reply") @PathParam("requestId")
            String requestId) {
        return find(requestId)
                .map(refresh -> refresh
                        .map(found -> Response.ok(found))
                        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                                .entity(new ErrorBody("no refresh request has this id")))
                        .build());
    }

    /** A malformed id names no request: 404, like an unknown one. */
    private Uni<Optional<RefreshRequestStatus>> find(String requestId) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException notUuid) {
            return Uni.createFrom().item(Optional.empty());
        }
        return fleet.refresh(id);
    }
}
