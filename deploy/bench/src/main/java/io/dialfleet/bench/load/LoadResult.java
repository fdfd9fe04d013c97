package io.dialfleet.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dialfleet.bench.measure.Latencies;

/**
 * What a load measured: requests that started inside the measured window (completions after its end included, so
 * every counted request has its true latency).
 *
 * @param seconds        the measured window; throughput is {@code requests / seconds}
 * @param errors         replies other than HTTP 200 + {@code SUCCESS:}, time-outs and connection failures
 * @param firstError     the first of them, for the report
 * @param refreshRequests replies carrying an {@code X-Dialfleet-Request-Id}
 */
public record LoadResult(int concurrency, double seconds, long requests, long errors, String firstError,
        long refreshRequests, Latencies latency) {

    @JsonProperty("requestsPerSecond")
    public double requestsPerSecond() {
        return seconds == 0 ? 0 : requests / seconds;
    }
}
