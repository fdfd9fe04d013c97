package io.dialfleet.agent.refresh;

import java.time.Duration;

/** Told, on the run thread, each time a phase of a run ended, however it ended: the hook for the agent's metrics. */
@FunctionalInterface
public interface PhaseListener {

    PhaseListener NONE = (phase, took) -> {
    };

    void ended(RunPhase phase, Duration took);
}
