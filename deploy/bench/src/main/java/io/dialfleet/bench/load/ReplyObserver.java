package io.dialfleet.bench.load;

/** Hears of each successful measured reply of a load, on the load generator's event loop: must return at once. */
@FunctionalInterface
public interface ReplyObserver {

    ReplyObserver NONE = (uri, receivedNanos) -> { };

    /** @param receivedNanos {@link System#nanoTime()} when the reply was complete */
    void replied(String uri, long receivedNanos);
}
