package io.dialfleet.bench.report;

import io.dialfleet.bench.measure.Machine;
import java.time.Instant;
import java.util.Map;

/** What every table of one invocation shares: where, when, on what code and on what stack it ran. */
public record RunHeader(Instant startedAt, Machine machine, String command, long seed, String stack,
        String postgres, Map<String, String> postgresSettings) {
}
