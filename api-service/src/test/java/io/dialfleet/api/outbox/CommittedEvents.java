package io.dialfleet.api.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the {@link OutboxCommitted} events the application fires (a test bean beside the relay). */
@ApplicationScoped
public class CommittedEvents {

    private final AtomicInteger fired = new AtomicInteger();

    void committed(@Observes OutboxCommitted committed) {
        fired.incrementAndGet();
    }

    int count() {
        return fired.get();
    }
}
