package io.dialfleet.bench.scenario;

import java.time.Duration;

/** Waiting on the monotonic clock. */
final class Clock {

    private Clock() {
    }

    static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        while (left > 0) {
            sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
            left = nanoTime - System.nanoTime();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e6;
    }
}
