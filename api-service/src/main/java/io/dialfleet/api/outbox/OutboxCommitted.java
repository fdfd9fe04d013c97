package io.dialfleet.api.outbox;

/** CDI event fired once a transaction that wrote outbox rows has committed: the relay has rows to publish. */
public record OutboxCommitted() {
}
