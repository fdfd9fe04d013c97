package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.LiveStateVerifier;

/** The Asterisk a run reloads and checks; absent in reload mode {@code none}. */
public record Asterisk(AsteriskReloader reloader, LiveStateVerifier verifier) {
}
