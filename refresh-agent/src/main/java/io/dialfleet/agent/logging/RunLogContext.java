package io.dialfleet.agent.logging;

import io.dialfleet.agent.refresh.RefreshBatch;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;

/**
 * Every log line of a run carries the refresh request ids it covers in the MDC under {@value #KEY}, comma-separated
 * (the {@code X-Dialfleet-Request-Id} the api-service logged the HTTP call with): one grep for an id follows a change
 * from the HTTP call to the reload. The agent's own runs (start-up, resync) have none and set nothing.
 */
public final class RunLogContext {

    public static final String KEY = "requestId";

    private RunLogContext() {
    }

    /** The run, with its batch's request ids in the MDC of its thread while it runs. */
    public static Consumer<RefreshBatch> around(Consumer<RefreshBatch> run) {
        return batch -> {
            if (batch.requestIds().isEmpty()) {
                run.accept(batch);
                return;
            }
            MDC.put(KEY, batch.requestIds().stream().map(UUID::toString).collect(Collectors.joining(",")));
            try {
                run.accept(batch);
            } finally {
                MDC.remove(KEY);
            }
        };
    }
}
