package io.dialfleet.agent.metrics;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code dialfleet_agent_phase_seconds{phase}}: how long each phase of a run took, one sample per call (a run that
 * applies again without a dead phone renders and installs twice).
 *
 * <p>The phases happen deep inside the run's classes, which are built by hand rather than by CDI; they record into
 * Micrometer's global registry, which is Quarkus's root registry (so {@code /q/metrics} shows them) and records
 * nothing where no registry was added, as in the plain unit tests.
 */
public enum RunPhase {
    /** Fetching the peer-config snapshot from the api-service. */
    FETCH,
    /** Rendering the Asterisk files from the snapshot. */
    RENDER,
    /** Writing the changed files. */
    INSTALL,
    /** The reload commands. */
    RELOAD,
    /** Waiting for the reloads to be over and checking the live state. */
    VERIFY;

    /** A step that may throw what the run's own code throws. */
    @FunctionalInterface
    public interface Step<T, E extends Exception> {
        T run() throws E;
    }

    /** A step with no result. */
    @FunctionalInterface
    public interface VoidStep<E extends Exception> {
        void run() throws E;
    }

    /** The time from this call to {@link Timing#close()}, for phases that span several statements. */
    public final class Timing implements AutoCloseable {
        private final long start = System.nanoTime();

        private Timing() {
        }

        @Override
        public void close() {
            timer().record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public <T, E extends Exception> T time(Step<T, E> step) throws E {
        try (Timing ignored = start()) {
            return step.run();
        }
    }

    public <E extends Exception> void time(VoidStep<E> step) throws E {
        try (Timing ignored = start()) {
            step.run();
        }
    }

    public Timing start() {
        return new Timing();
    }

    /** The label value, lower case as the other labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private Timer timer() {
        return Timer.builder("dialfleet.agent.phase")
                .description("Duration of one phase of a refresh run")
                .tag("phase", label())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(Metrics.globalRegistry);
    }
}
