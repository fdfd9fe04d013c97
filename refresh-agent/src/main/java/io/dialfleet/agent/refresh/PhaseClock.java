package io.dialfleet.agent.refresh;

import java.time.Duration;

/** The one place where a phase of a run starts and ends: it times the work and tells the {@link PhaseListener}. */
final class PhaseClock {

    /** Work that may throw what its phase throws (an interrupted reload, a file that cannot be written). */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final PhaseListener listener;

    PhaseClock(PhaseListener listener) {
        this.listener = listener;
    }

    <T, E extends Exception> T time(RunPhase phase, Work<T, E> work) throws E {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            listener.ended(phase, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
