package io.dialfleet.agent.client;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.refresh.SnapshotSource;
import io.dialfleet.events.PeerConfigSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Fetches the snapshot from the api-service, retrying with exponential backoff (Mutiny's, with jitter) while it is
 * down or failing (a rolling update, a database failover), for at most {@code dialfleet.agent.api.fetch-timeout}. A
 * refusal that waiting cannot fix — bad token, unknown server — fails at once.
 */
@ApplicationScoped
public class ApiSnapshotSource implements SnapshotSource {

    private static final Logger LOG = Logger.getLogger(ApiSnapshotSource.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Answers that say the request itself is wrong: retrying cannot help. */
    private static final Set<Integer> REFUSALS = Set.of(401, 403, 404);

    private final PeerConfigApi api;
    private final String authorization;
    private final Duration timeout;

    public ApiSnapshotSource(@RestClient PeerConfigApi api, AgentConfig config) {
        this.api = api;
        this.authorization = "Bearer " + config.api().token().orElse("");
        this.timeout = config.api().fetchTimeout();
    }

    @Override
    public PeerConfigSnapshot fetch(String serverIp) {
        try {
            return Uni.createFrom().item(() -> api.fetch(serverIp, authorization))
                    .onFailure().invoke(failure -> LOG.debugf("peer configuration not available yet (%s)",
                            describe(failure)))
                    .onFailure(failure -> !isRefusal(failure)).retry()
                    .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).expireIn(timeout.toMillis())
                    .onFailure().transform(failure -> unavailable(serverIp, failure))
                    .await().indefinitely();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new SnapshotUnavailable("interrupted while waiting for the api-service", e);
            }
            throw e;
        }
    }

    private SnapshotUnavailable unavailable(String serverIp, Throwable failure) {
        if (isRefusal(failure)) {
            return new SnapshotUnavailable("the api-service refused the peer configuration of " + serverIp
                    + ": " + describe(failure), failure);
        }
        // Mutiny ends the retries with an IllegalStateException whose cause is the last failure.
        Throwable last = failure instanceof IllegalStateException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new SnapshotUnavailable("the api-service did not answer within " + timeout + " (" + describe(last)
                + ")", last);
    }

    private static boolean isRefusal(Throwable failure) {
        return failure instanceof WebApplicationException e && REFUSALS.contains(e.getResponse().getStatus());
    }

    private static String describe(Throwable failure) {
        return failure instanceof WebApplicationException e ? "HTTP " + e.getResponse().getStatus()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
