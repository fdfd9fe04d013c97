package io.dialfleet.api.compat;

import java.util.Optional;
import java.util.UUID;

/**
 * One answer of the Non-Agent API: HTTP status, body bytes (ASCII) and what goes into the API log.
 *
 * @param log              null when the reply writes no {@code vicidial_api_log} row (login errors, the 503 reply)
 * @param refreshRequestId the refresh request the call triggered, or null; sent as a header, never in the body
 */
public record Reply(int status, String body, ApiLogResult log, UUID refreshRequestId) {

    Reply(int status, String body, ApiLogResult log) {
        this(status, body, log, null);
    }

    /** The {@code result}, {@code result_reason} and {@code data} columns of the API-log row. */
    public record ApiLogResult(String result, String reason, String data) {
    }

    public boolean isSuccess() {
        return log != null && "SUCCESS".equals(log.result());
    }

    /** The same reply with other API-log data; some checks log something else than the line's DATA (§4.7). */
    Reply loggingData(String data) {
        return new Reply(status, body, new ApiLogResult(log.result(), log.reason(), data), refreshRequestId);
    }

    Reply withRefresh(Optional<UUID> requestId) {
        return new Reply(status, body, log, requestId.orElse(null));
    }
}
