package io.dialfleet.api.rest;

import io.dialfleet.api.access.Roles;
import io.dialfleet.api.agents.AgentKeys;
import io.dialfleet.api.agents.IssuedKey;
import io.dialfleet.api.repository.AgentKeyRepository.AgentKeyRow;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * {@code /api/v1/servers/{server_ip}/agent-keys}: the operator issues, lists and revokes the keys of a server's
 * refresh-agent (docs/operations.md, "Agent credentials"). Rotation: issue a new key, give it to the agent, revoke
 * the old one.
 */
@Path("/api/v1/servers/{server_ip}/agent-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent keys", description = "Each refresh-agent's own credential, bound to its server")
@SecurityRequirement(name = OpenApiDefinition.OPERATOR)
@SecurityRequirement(name = OpenApiDefinition.OPERATOR_BASIC)
@RolesAllowed(Roles.OPERATOR)
public class AgentKeyResource {

    private final AgentKeys keys;

    public AgentKeyResource(AgentKeys keys) {
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Issue a key for the server's agent",
            description = "The answer is the only one that shows the credential: configure the agent with it "
                    + "(dialfleet.agent.credential). Earlier keys stay valid until revoked.")
    @APIResponse(responseCode = "201", description = "The new key, with its credential",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssuedKey.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No server has this server_ip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> issue(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp) {
        return keys.issue(serverIp).map(issued -> issued
                .map(key -> Response.status(Response.Status.CREATED).entity(key)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store"))
                .orElseGet(() -> notFound("no server " + serverIp))
                .build());
    }

    @GET
    @Operation(summary = "The server's agent keys, newest first, revoked ones included; never their secrets")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = AgentKeyRow.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> list(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp) {
        return keys.list(serverIp).map(list -> Response.ok(list).build());
    }

    @DELETE
    @Path("/{key_id}")
    @Operation(summary = "Revoke a key",
            description = "From now on the key reads no peer-config and its reports are rejected. Revoking twice "
                    + "keeps the first time.")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgentKeyRow.class)))
    @APIResponse(responseCode = "401", description = "No operator token or admin credentials",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "The server has no key of this id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> revoke(
            @Parameter(description = "The server's IP address, matched case-insensitively") @PathParam("server_ip")
            String serverIp,
            @Parameter(description = "The key's id (ak_…)") @PathParam("key_id") String keyId) {
        return keys.revoke(serverIp, keyId).map(revoked -> revoked
                .map(key -> Response.ok(key))
                .orElseGet(() -> notFound("no key " + keyId + " of server " + serverIp))
                .build());
    }

    private static Response.ResponseBuilder notFound(String error) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error));
    }
}
