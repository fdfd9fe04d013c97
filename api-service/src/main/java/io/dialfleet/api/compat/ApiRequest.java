package io.dialfleet.api.compat;

import io.dialfleet.events.Actor;
import java.time.Instant;
import java.util.Map;

/**
 * One Non-Agent API request after reading and filtering (§2.2, §3): every value here is the filtered value,
 * and an absent parameter reads as ''.
 *
 * @param startNanos {@link System#nanoTime()} when the request arrived, for {@code run_time} and the debug trailer
 */
public record ApiRequest(Map<ApiParameter, String> parameters, String clientIp, Instant receivedAt, long startNanos) {

    public String get(ApiParameter parameter) {
        return parameters.getOrDefault(parameter, "");
    }

    public String user() {
        return get(ApiParameter.USER);
    }

    public String function() {
        return get(ApiParameter.FUNCTION);
    }

    public Actor actor() {
        return new Actor(user(), get(ApiParameter.SOURCE), clientIp, function());
    }
}
