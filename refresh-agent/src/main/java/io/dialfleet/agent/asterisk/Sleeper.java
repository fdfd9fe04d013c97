package io.dialfleet.agent.asterisk;

import java.time.Duration;

/** Waits between retries; tests substitute one that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
