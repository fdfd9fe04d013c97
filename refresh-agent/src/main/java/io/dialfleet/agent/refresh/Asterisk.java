package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.LiveStateCheck;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.SettledVerifier;
import java.time.Duration;

/**
 * The Asterisk a run logs in to, reloads and checks; absent in reload mode {@code none}.
 *
 * @param completion             tells when the answered reloads are really over (chan_sip's is not)
 * @param verifier               checks the live state once they are
 * @param registrations          removes the registrations of deleted and re-keyed phones once their change is live
 * @param pjsipRemovalsPerReload most PJSIP sections removed by one reload ({@code 0}: no limit), see
 *                               {@link PjsipRemovalStages}
 */
public record Asterisk(AsteriskLogin login, AsteriskReloader reloader, ReloadCompletion completion,
        SettledVerifier verifier, RegistrationCleanup registrations, int pjsipRemovalsPerReload) {

    /** The default of {@code dialfleet.agent.reload.pjsip-removals-per-reload}. */
    public static final int DEFAULT_PJSIP_REMOVALS_PER_RELOAD = 500;

    /** An Asterisk whose reloads are complete when answered, checked once, with the default removal limit (a stand-in). */
    public Asterisk(AsteriskLogin login, AsteriskReloader reloader, LiveStateCheck check,
            RegistrationCleanup registrations) {
        this(login, reloader, ReloadCompletion.synchronous(), new SettledVerifier(check, Duration.ZERO), registrations,
                DEFAULT_PJSIP_REMOVALS_PER_RELOAD);
    }
}
