package io.dialfleet.bench.fleet;

import java.util.Optional;

/**
 * One Non-Agent API reply.
 *
 * @param requestId  the {@code X-Dialfleet-Request-Id}: the refresh request the call raised, if any
 * @param receivedAt {@link System#nanoTime()} when the whole reply had arrived
 */
public record ApiReply(int status, String body, Optional<String> requestId, long receivedAt) {

    public boolean succeeded() {
        return NonAgentQuery.succeeded(status, body);
    }
}
