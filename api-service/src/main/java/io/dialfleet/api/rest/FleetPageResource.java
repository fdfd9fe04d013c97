package io.dialfleet.api.rest;

import io.dialfleet.api.fleet.FleetChanges;
import io.dialfleet.api.fleet.FleetPageService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fleet page, for an operator's browser tab: {@code GET /fleet} (one HTML file with its CSS and script),
 * {@code GET /fleet/state} (what it shows, as JSON) and {@code GET /fleet/events} (server-sent events: a fingerprint
 * whenever the fleet changed, on which the page reads the state again). The operator check of the JSON API guards
 * all three; in a browser that is HTTP Basic as an admin user, which the browser then sends with the page's own
 * requests. Not in the OpenAPI document: {@code /api/v1/servers} and {@code /api/v1/refreshes} are the API.
 */
@Path("/fleet")
public class FleetPageResource {

    private static final String PAGE = "fleet/fleet.html";
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    /** A Basic password is checked with bcrypt on a worker; far longer means the database is not answering. */
    private static final Duration ADMISSION_TIMEOUT = Duration.ofSeconds(30);

    private final OperatorAccess access;
    private final FleetPageService page;
    private final FleetChanges changes;
    private final byte[] html;

    public FleetPageResource(OperatorAccess access, FleetPageService page, FleetChanges changes) {
        this.access = access;
        this.page = page;
        this.changes = changes;
        this.html = readPage();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> page(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return access.guard(authorization, caller -> Uni.createFrom().item(Response.ok(html, MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML + ";charset=UTF-8")
                .cacheControl(NO_STORE)
                .build()));
    }

    @GET
    @Path("/state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> state(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return access.guard(authorization, caller -> page.state()
                .map(state -> Response.ok(state).cacheControl(NO_STORE).build()));
    }

    /**
     * The stream opens only for an admitted caller; anyone else gets the JSON API's 401 (status and
     * {@code WWW-Authenticate}) and no event. The check is awaited on a worker thread before the method returns:
     * once a server-sent event stream is returned, its 200 is sent at once.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(hidden = true)
    public Multi<String> events(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response admission = access.guard(authorization, caller -> Uni.createFrom().item(Response.ok().build()))
                .await().atMost(ADMISSION_TIMEOUT);
        if (admission.getStatus() != Response.Status.OK.getStatusCode()) {
            throw new WebApplicationException(admission);
        }
        return changes.stream();
    }

    private static byte[] readPage() {
        try (InputStream in = FleetPageResource.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
