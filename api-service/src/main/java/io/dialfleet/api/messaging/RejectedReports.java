package io.dialfleet.api.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** How many status reports were rejected since start-up, per reason; what a metrics endpoint exposes. */
@ApplicationScoped
public class RejectedReports {

    private final Map<RejectReason, AtomicLong> counts = new EnumMap<>(RejectReason.class);

    public RejectedReports() {
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, new AtomicLong());
        }
    }

    void add(RejectReason reason) {
        counts.get(reason).incrementAndGet();
    }

    public long count(RejectReason reason) {
        return counts.get(reason).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
