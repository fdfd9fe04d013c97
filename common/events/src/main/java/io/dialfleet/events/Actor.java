package io.dialfleet.events;

/**
 * Who made a change: the filtered API {@code user} and {@code source}, the client address and the API function.
 * {@code apiFunction} is null in {@link ServerRefreshRequested#requestedBy()}, which events.md defines without it.
 */
public record Actor(String user, String source, String clientIp, String apiFunction) {

    public Actor withoutFunction() {
        return new Actor(user, source, clientIp, null);
    }
}
