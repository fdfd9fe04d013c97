package io.dialfleet.api.rest;

import io.dialfleet.api.fleet.FleetChanges;
import io.dialfleet.api.fleet.FleetPageService;
import io.dialfleet.api.access.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fleet page, for an operator's browser tab: {@code GET /fleet} (one HTML file with its CSS and script),
 * {@code GET /fleet/state} (what it shows, as JSON) and {@code GET /fleet/events} (server-sent events: a fingerprint
 * whenever the fleet changed, on which the page reads the state again). The JSON API's operator role guards all
 * three, checked before a method runs, so the event stream of a refused caller is a 401, never an open 200; in a
 * browser that is HTTP Basic as an admin user, which the browser then sends with the page's own requests. Not in
 * the OpenAPI document: {@code /api/v1/servers} and {@code /api/v1/refreshes} are the API.
 */
@Path("/fleet")
@RolesAllowed(Roles.OPERATOR)
public class FleetPageResource {

    private static final String PAGE = "fleet/fleet.html";
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    private final FleetPageService page;
    private final FleetChanges changes;
    private final byte[] html;

    public FleetPageResource(FleetPageService page, FleetChanges changes) {
        this.page = page;
        this.changes = changes;
        this.html = readPage();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML + ";charset=UTF-8")
                .cacheControl(NO_STORE)
                .build();
    }

    @GET
    @Path("/state")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> state() {
        return page.state().map(state -> Response.ok(state).cacheControl(NO_STORE).build());
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Multi<String> events() {
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
