package io.dialfleet.api.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URI check Quarkus would make on every request, kept for every path but the Non-Agent API's: a URI that
 * {@link URI} refuses gets an empty 400, as before {@link io.dialfleet.api.ApiServiceMain} turned Quarkus's own check
 * off. The Non-Agent API reads its query string as PHP does, a stray {@code %} included (docs/spec/non-agent-api.md §2.2).
 */
@ApplicationScoped
public class UriCheck {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (NonAgentApiRoute.PATH.equals(context.request().path()) || parses(context.request().uri())) {
            context.next();
            return;
        }
        context.response().setStatusCode(400).end();
    }

    private static boolean parses(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }
}
