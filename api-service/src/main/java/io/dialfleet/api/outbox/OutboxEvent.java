package io.dialfleet.api.outbox;

import java.util.UUID;

/**
 * An event as its outbox row holds it. {@code payload} is the event's JSON with the values only the writing
 * statement knows ({@code changeSeq}, {@code revision}) still at their defaults; the statement sets them.
 */
record OutboxEvent(UUID eventId, String topic, String key, String ceType, String payload) {
}
