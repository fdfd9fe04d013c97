package io.dialfleet.api.metrics;

import io.dialfleet.api.compat.ApiRequest;
import io.dialfleet.api.compat.NonAgentApi;
import io.dialfleet.api.compat.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code dialfleet_api_requests_seconds}: every Non-Agent API answer by function and result, with a latency
 * histogram. The function label is a closed set (the implemented functions, {@code version}, {@code coffee}, else
 * {@code other}) so that a client sending made-up names cannot grow the series.
 */
@ApplicationScoped
public class ApiMetrics {

    static final String OTHER = "other";
    private static final Set<String> COFFEE = Set.of("coffee", "start_coffee", "make_coffee", "brew_coffee");

    private final MeterRegistry registry;
    private final Set<String> functions = new HashSet<>();

    ApiMetrics(MeterRegistry registry, NonAgentApi api) {
        this.registry = registry;
        this.functions.addAll(api.functionNames());
        this.functions.add("version");
    }

    /** Records one answered request, from its arrival to its reply. */
    public void answered(ApiRequest request, Reply reply) {
        Timer.builder("dialfleet.api.requests")
                .description("Non-Agent API requests answered, by function and result")
                .tag("function", functionLabel(request.function()))
                .tag("result", resultLabel(reply))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(System.nanoTime() - request.startNanos(), TimeUnit.NANOSECONDS);
    }

    String functionLabel(String function) {
        if (functions.contains(function)) {
            return function;
        }
        return COFFEE.contains(function) ? "coffee" : OTHER;
    }

    /** SUCCESS, NOTICE or ERROR as the reply line says; 503 when the database was unavailable. */
    static String resultLabel(Reply reply) {
        if (reply.status() == 503) {
            return "503";
        }
        // Login refusals write no API-log row; their line is an ERROR line.
        return reply.log() == null ? "ERROR" : reply.log().result();
    }
}
