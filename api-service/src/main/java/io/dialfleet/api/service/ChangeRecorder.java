package io.dialfleet.api.service;

import io.dialfleet.api.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the {@link PendingChanges} of a transaction, for callers that do not know the outbox. */
@ApplicationScoped
public class ChangeRecorder {

    private final OutboxWriter outbox;

    public ChangeRecorder(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public PendingChanges begin() {
        return new PendingChanges(outbox);
    }
}
