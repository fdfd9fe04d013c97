package io.dialfleet.api.outbox;

import java.util.List;
import java.util.UUID;

/**
 * An event as its outbox row holds it. {@code payload} is the event's JSON in {@link PayloadSlots} fragments, to be
 * joined by the writing statement with the values only it knows ({@code changeSeq}, {@code revision}).
 */
record OutboxEvent(UUID eventId, String topic, String key, String ceType, List<String> payload) {
}
