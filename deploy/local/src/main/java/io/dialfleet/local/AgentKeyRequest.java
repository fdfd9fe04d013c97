package io.dialfleet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Issues a refresh-agent's own key through the operator endpoint, as an operator does
 * (docs/operations.md, "Agent credentials"): the credential comes back once and goes only to that agent.
 */
final class AgentKeyRequest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AgentKeyRequest() {
    }

    static String issue(String apiUrl, String adminToken, String serverIp) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/servers/" + serverIp + "/agent-keys"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("issuing the agent key of " + serverIp + " answered HTTP "
                        + response.statusCode());
            }
            JsonNode key = new ObjectMapper().readTree(response.body());
            return key.get("credential").asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot issue the agent key of " + serverIp + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while issuing the agent key of " + serverIp, e);
        }
    }
}
