package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.LiveStateCheck;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.SettledVerifier;
import java.time.Duration;

/**
 * The Asterisk a run reloads and checks; absent in reload mode {@code none}.
 *
 * @param completion tells when the answered reloads are really over (chan_sip's is not)
 * @param verifier   checks the live state once they are
 * @param pjsipRemovalsPerReload most PJSIP sections removed by one reload ({@code 0}: no limit), see
 *                   {@link PjsipRemovalStages}
 */
public record Asterisk(AsteriskReloader reloader, ReloadCompletion completion, SettledVerifier verifier,
        int pjsipRemovalsPerReload) {

    /** The default of {@code dialfleet.agent.reload.pjsip-removals-per-reload}. */
    public static final int DEFAULT_PJSIP_REMOVALS_PER_RELOAD = 500;

    /** With the default limit on PJSIP removals per reload. */
    public Asterisk(AsteriskReloader reloader, ReloadCompletion completion, SettledVerifier verifier) {
        this(reloader, completion, verifier, DEFAULT_PJSIP_REMOVALS_PER_RELOAD);
    }

    /** An Asterisk whose reloads are complete when answered, checked once (a stand-in). */
    public Asterisk(AsteriskReloader reloader, LiveStateCheck check) {
        this(reloader, ReloadCompletion.synchronous(), new SettledVerifier(check, Duration.ZERO));
    }
}
