package io.dialfleet.api.logging;

import org.jboss.logging.MDC;

/**
 * The refresh request id in the log lines' MDC under {@value #KEY} (a field of its own in JSON lines, see
 * docs/operations.md, "Logs"), the key the refresh-agent uses for the run that applies the request.
 */
public final class RequestIdMdc {

    public static final String KEY = "requestId";

    private RequestIdMdc() {
    }

    /** Runs {@code logging} with the ids in the MDC, then puts back what was there; none (empty) sets nothing. */
    public static void with(String requestIds, Runnable logging) {
        if (requestIds.isEmpty()) {
            logging.run();
            return;
        }
        Object previous = MDC.get(KEY);
        MDC.put(KEY, requestIds);
        try {
            logging.run();
        } finally {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
