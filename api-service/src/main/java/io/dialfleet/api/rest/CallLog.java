package io.dialfleet.api.rest;

import io.dialfleet.api.compat.ApiParameter;
import io.dialfleet.api.compat.ApiRequest;
import io.dialfleet.api.compat.Reply;
import io.dialfleet.api.logging.RequestIdMdc;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * One line for every Non-Agent API call that raised a refresh request, with the request id
 * ({@code X-Dialfleet-Request-Id}) in the MDC: the same id is in the agents' log lines of the run that applies it,
 * so one grep follows a change from the HTTP call to the reload. Never a parameter value beyond who called what.
 */
@ApplicationScoped
public class CallLog {

    private static final Logger LOG = Logger.getLogger(CallLog.class);

    void answered(ApiRequest request, Reply reply) {
        if (reply.refreshRequestId() == null) {
            return;
        }
        RequestIdMdc.with(reply.refreshRequestId().toString(), () -> LOG.infof(
                "%s by %s (source %s, from %s): %s, refresh request %s", request.function(), request.user(),
                request.get(ApiParameter.SOURCE), request.clientIp(), reply.log() == null ? reply.status()
                        : reply.log().result(), reply.refreshRequestId()));
    }
}
