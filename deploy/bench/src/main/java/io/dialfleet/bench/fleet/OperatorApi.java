package io.dialfleet.bench.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The api-service as the benchmark's operator uses it: the seed endpoint, the fleet view, and single Non-Agent API
 * calls whose reply time matters (the refresh runs). The load itself goes through {@code LoadGenerator}.
 */
public final class OperatorApi {

    /** Far below the api-service's 10 MiB request limit (a phone row is about 400 bytes of JSON). */
    private static final int PHONES_PER_IMPORT = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One server's row of the fleet view. */
    public record ServerState(String serverIp, boolean inSync, long desiredRevision, Long appliedRevision,
            String lastOutcome) {
    }

    public OperatorApi(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    public URI base() {
        return base;
    }

    /**
     * Replaces the fleet (users, servers, phones, aliases) without events or refresh requests, then adds the phones
     * in chunks. Servers keep their revision across a replace, so agents never see it go back.
     */
    public void replaceFleet(ObjectNode base, List<PhoneRow> phones) {
        importSeed(base, "replace");
        addPhonesSilently(phones);
    }

    /** Adds (or overwrites) phones without events or refresh requests: the table grows, no agent is asked. */
    public void addPhonesSilently(List<PhoneRow> phones) {
        for (int from = 0; from < phones.size(); from += PHONES_PER_IMPORT) {
            importSeed(FleetSeed.phones(phones.subList(from, Math.min(phones.size(), from + PHONES_PER_IMPORT))), "merge");
        }
    }

    private void importSeed(ObjectNode document, String mode) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/seed?mode=" + mode + "&silent=true"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(document.toString()))
                .build();
        HttpResponse<String> reply = send(request);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("seed import (" + mode + ") answered " + reply.statusCode() + ": "
                    + abbreviate(reply.body()));
        }
    }

    /** {@code GET /api/v1/servers}. */
    public List<ServerState> servers() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/servers"))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> reply = send(request);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/servers answered " + reply.statusCode() + ": "
                    + abbreviate(reply.body()));
        }
        try {
            List<ServerState> servers = new ArrayList<>();
            for (JsonNode server : JSON.readTree(reply.body())) {
                JsonNode applied = server.path("appliedRevision");
                servers.add(new ServerState(server.path("serverIp").asText(), server.path("inSync").asBoolean(),
                        server.path("desiredRevision").asLong(), applied.isNull() || applied.isMissingNode() ? null
                                : applied.asLong(), server.path("lastOutcome").asText(null)));
            }
            return servers;
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/v1/servers answered no JSON array: " + abbreviate(reply.body()), e);
        }
    }

    /** One Non-Agent API call; the reply time is taken when the whole body has arrived. */
    public ApiReply call(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> reply = send(request);
        long receivedAt = System.nanoTime();
        return new ApiReply(reply.statusCode(), reply.body(),
                reply.headers().firstValue(NonAgentQuery.REQUEST_ID_HEADER), receivedAt);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
