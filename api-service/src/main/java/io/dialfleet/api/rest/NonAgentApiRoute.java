package io.dialfleet.api.rest;

import io.dialfleet.api.compat.ApiRequest;
import io.dialfleet.api.compat.ClientAddress;
import io.dialfleet.api.compat.NonAgentApi;
import io.dialfleet.api.compat.Reply;
import io.dialfleet.api.compat.RequestReader;
import io.dialfleet.api.metrics.ApiMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * {@code /vicidial/non_agent_api.php} for every HTTP method. A plain Vert.x route rather than a JAX-RS resource:
 * the contract reads the raw query string and body bytes the way PHP does (§2.2), which JAX-RS would decode first.
 */
@ApplicationScoped
public class NonAgentApiRoute {

    public static final String PATH = "/vicidial/non_agent_api.php";
    public static final String REQUEST_ID_HEADER = "X-Dialfleet-Request-Id";

    /** Far above any real form; PHP's own default post_max_size is 8 MiB. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final NonAgentApi api;
    private final ApiMetrics metrics;
    private final CallLog callLog;

    public NonAgentApiRoute(NonAgentApi api, ApiMetrics metrics, CallLog callLog) {
        this.api = api;
        this.metrics = metrics;
        this.callLog = callLog;
    }

    void register(@Observes Router router) {
        router.route(PATH).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        Instant receivedAt = Instant.now();
        long startNanos = System.nanoTime();
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                request.pause();
                context.response().setStatusCode(413).end("request body too large\n");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (context.response().ended()) {
                return;
            }
            var parameters = RequestReader.read(request.query(), request.method().name(),
                    request.getHeader(HttpHeaders.CONTENT_TYPE), body.getBytes());
            var apiRequest = new ApiRequest(parameters, ClientAddress.of(request.remoteAddress().hostAddress()),
                    receivedAt, startNanos);
            api.handle(apiRequest).subscribe().with(reply -> {
                metrics.answered(apiRequest, reply);
                callLog.answered(apiRequest, reply);
                send(context.response(), reply);
            }, context::fail);
        });
    }

    private static void send(HttpServerResponse response, Reply reply) {
        response.setStatusCode(reply.status());
        if (reply.status() == 418) {
            response.setStatusMessage("I'm a teapot");
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, must-revalidate")
                .putHeader("Pragma", "no-cache");
        if (reply.refreshRequestId() != null) {
            response.putHeader(REQUEST_ID_HEADER, reply.refreshRequestId().toString());
        }
        response.end(reply.body());
    }
}
