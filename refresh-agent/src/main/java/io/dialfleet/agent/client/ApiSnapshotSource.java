package io.dialfleet.agent.client;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.refresh.SnapshotSource;
import io.dialfleet.events.PeerConfigSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Fetches the snapshot from the api-service, retrying with exponential backoff while it is down or failing
 * (a rolling update, a database failover), for at most {@code dialfleet.agent.api.fetch-timeout}. A refusal that
 * waiting cannot fix — bad or revoked key (401), the key of another server (403), unknown server — fails at once.
 */
@ApplicationScoped
public class ApiSnapshotSource implements SnapshotSource {

    private static final Logger LOG = Logger.getLogger(ApiSnapshotSource.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PeerConfigApi api;
    private final String authorization;
    private final Duration timeout;

    public ApiSnapshotSource(@RestClient PeerConfigApi api, AgentConfig config, AgentAuthorization authorization) {
        this.api = api;
        this.authorization = authorization.authorizationHeader();
        this.timeout = config.api().fetchTimeout();
    }

    @Override
    public PeerConfigSnapshot fetch(String serverIp) {
        Instant deadline = Instant.now().plus(timeout);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return api.fetch(serverIp, authorization);
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 401 || status == 403 || status == 404) {
                    throw new SnapshotUnavailable("the api-service refused the peer configuration of " + serverIp
                            + ": HTTP " + status, e);
                }
                backoff = waitOrGiveUp(deadline, backoff, "HTTP " + status, e);
            } catch (RuntimeException e) {
                backoff = waitOrGiveUp(deadline, backoff, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }

    private Duration waitOrGiveUp(Instant deadline, Duration backoff, String problem, RuntimeException cause) {
        if (Instant.now().plus(backoff).isAfter(deadline)) {
            throw new SnapshotUnavailable("the api-service did not answer within " + timeout + " (" + problem + ")",
                    cause);
        }
        LOG.debugf("peer configuration not available yet (%s); retrying in %s", problem, backoff);
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotUnavailable("interrupted while waiting for the api-service", e);
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }
}
