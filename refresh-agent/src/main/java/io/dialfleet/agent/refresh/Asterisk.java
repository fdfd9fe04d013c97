package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.RegistrationCleanup;

/** The Asterisk a run logs in to, reloads and checks; absent in reload mode {@code none}. */
public record Asterisk(AsteriskLogin login, AsteriskReloader reloader, LiveStateVerifier verifier,
        RegistrationCleanup registrations) {
}
