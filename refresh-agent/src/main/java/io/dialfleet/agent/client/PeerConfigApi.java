package io.dialfleet.agent.client;

import io.dialfleet.events.PeerConfigSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The api-service's internal endpoint (authenticated by the agent's own key; it returns phone secrets). */
@RegisterRestClient(configKey = "peer-config")
@Path("/internal/v1/servers")
public interface PeerConfigApi {

    @GET
    @Path("/{serverIp}/peer-config")
    @Produces(MediaType.APPLICATION_JSON)
    PeerConfigSnapshot fetch(@PathParam("serverIp") String serverIp, @HeaderParam("Authorization") String authorization);
}
