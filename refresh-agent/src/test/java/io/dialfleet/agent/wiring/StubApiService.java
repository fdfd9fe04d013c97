package io.dialfleet.agent.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PeerConfigSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The api-service's peer-config endpoint, served by a real HTTP server on a free loopback port: it answers the
 * statuses it is told to, one per request, then the snapshot it holds; it records what each request sent.
 */
final class StubApiService implements AutoCloseable {

    /** One request as received, and the status it got. */
    record Request(String path, String authorization, int status) {
    }

    private final HttpServer server;
    private final Deque<Integer> scripted = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private PeerConfigSnapshot snapshot;

    StubApiService(PeerConfigSnapshot snapshot) throws IOException {
        this.snapshot = snapshot;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/v1/servers/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests get these statuses (with an empty body), in order; after them, the snapshot. */
    synchronized void answerNext(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    synchronized void serve(PeerConfigSnapshot next) {
        snapshot = next;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        int status;
        byte[] body;
        synchronized (this) {
            Integer next = scripted.poll();
            status = next == null ? 200 : next;
            body = status == 200 ? EventJson.write(snapshot).getBytes(StandardCharsets.UTF_8) : new byte[0];
            requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), status));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
