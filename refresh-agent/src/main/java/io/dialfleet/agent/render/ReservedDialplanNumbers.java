package io.dialfleet.agent.render;

import java.util.Set;

/**
 * Extension names Asterisk runs by itself in the context a call is in, includes searched
 * ({@code ast_exists_extension}): {@code s} (start), {@code i} (invalid), {@code t}/{@code T} (timeouts), {@code e}
 * (exceptions) and {@code h} (hangup) in {@code main/pbx.c}, {@code o} and {@code a} (operator and {@code *} in
 * app_voicemail), {@code fax} (fax detection) and {@code talk} (BackgroundDetect). A phone whose
 * {@code dialplan_number} is one of them would be dialled on every hangup, timeout or invalid entry of every
 * context that includes {@code dialfleet-phones} — so its dialplan entry is not written (the phone itself is; a
 * warning says so). Extension names match exactly, so {@code H} is no special name.
 */
final class ReservedDialplanNumbers {

    private static final Set<String> RESERVED = Set.of("a", "e", "h", "i", "o", "s", "t", "T", "fax", "talk");

    private ReservedDialplanNumbers() {
    }

    static boolean isReserved(String dialplanNumber) {
        return RESERVED.contains(dialplanNumber);
    }
}
