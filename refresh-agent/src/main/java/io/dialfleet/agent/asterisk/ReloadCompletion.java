package io.dialfleet.agent.asterisk;

import io.dialfleet.agent.render.ConfFile;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether Asterisk has finished the reloads it answered. Every module reload the agent sends is done when its
 * answer comes, except chan_sip's, which Asterisk 18 runs afterwards in its monitor thread and ends with no event
 * (docs/spec/asterisk-behaviour.md, "Recorded in December 2026: Asterisk 18.18.0, chan_sip"); that one is confirmed with
 * {@link SipOptionsProbe}.
 */
public final class ReloadCompletion {

    /** What is known about the end of the reloads. */
    public enum State {
        /** Every reload is known to be complete. */
        CONFIRMED,
        /** chan_sip was reloaded and no completion signal is configured: only the live state can tell. */
        UNKNOWN,
        /** The signal did not come in time: chan_sip may still be reloading. */
        NOT_CONFIRMED
    }

    private final Optional<SipOptionsProbe> sipProbe;
    private final Duration timeout;

    /**
     * @param sipProbe empty when the SIP port is not to be probed ({@code dialfleet.agent.reload.sip-address=none})
     * @param timeout  how long to wait for the probe; with no probe, how long to poll the live state instead (zero:
     *                 take every reload as complete when answered)
     */
    public ReloadCompletion(Optional<SipOptionsProbe> sipProbe, Duration timeout) {
        this.sipProbe = sipProbe;
        this.timeout = timeout;
    }

    /** Takes every reload as complete when answered: for a stand-in Asterisk that applies reloads at once. */
    public static ReloadCompletion synchronous() {
        return new ReloadCompletion(Optional.empty(), Duration.ZERO);
    }

    /** Waits, when chan_sip was among the modules of {@code reloaded}, until its reload is over or the timeout passed. */
    public State await(Collection<ConfFile> reloaded) {
        if (!reloaded.contains(ConfFile.SIP)) {
            return State.CONFIRMED;
        }
        if (sipProbe.isEmpty()) {
            return timeout.isZero() ? State.CONFIRMED : State.UNKNOWN;
        }
        return sipProbe.get().awaitAnswers(timeout) ? State.CONFIRMED : State.NOT_CONFIRMED;
    }

    /** How long {@link #await} waits at most, and how long the live state is polled when the end is not known. */
    public Duration timeout() {
        return timeout;
    }
}
