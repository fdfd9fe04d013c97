package io.dialfleet.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The password hash VICIdial stores when {@code pass_hash_enabled='1'} (docs/spec/non-agent-api.md D5 rule 2): the last 31
 * characters of a {@code $2a$} bcrypt whose salt is not random but derived from {@code system_settings.pass_key} and
 * whose cost is {@code system_settings.pass_cost}. Imported users keep their VICIdial password this way.
 */
public final class VicidialPassHash {

    /** Characters of a stored VICIdial hash: the hash part of a bcrypt string. */
    public static final int LENGTH = 31;
    /** Characters {@code pass_key} must have; with any other length no password matches. */
    public static final int KEY_LENGTH = 16;

    private VicidialPassHash() {
    }

    /** Whether {@code stored} has the VICIdial form: exactly 31 characters of the bcrypt alphabet. */
    public static boolean isWellFormed(String stored) {
        return stored != null && stored.length() == LENGTH && Bcrypt.inAlphabet(stored, 0, LENGTH);
    }

    /**
     * The bcrypt setting {@code $2a$<cost>$<salt>} that {@code passKey} and {@code passCost} stand for: the salt is the
     * 16 bytes of the key in bcrypt base64, the cost written with two digits. Empty when the key is not 16
     * characters or the cost is outside {@value Bcrypt#MIN_COST}..{@value Bcrypt#MAX_COST}, since then nothing can
     * match. The key must also be ASCII: the salt is its 16 bytes, and 16 characters that encode to more bytes (in
     * UTF-8) have no such salt.
     */
    public static Optional<String> setting(String passKey, int passCost) {
        if (passKey == null || passKey.length() != KEY_LENGTH
                || passCost < Bcrypt.MIN_COST || passCost > Bcrypt.MAX_COST) {
            return Optional.empty();
        }
        byte[] keyBytes = passKey.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length != KEY_LENGTH) {
            return Optional.empty();
        }
        String cost = passCost < 10 ? "0" + passCost : Integer.toString(passCost);
        return Optional.of("$2a$" + cost + '$' + Bcrypt.encode(keyBytes, KEY_LENGTH));
    }

    /**
     * Whether {@code password} matches the stored VICIdial hash: it does when the standard bcrypt string
     * {@code setting(passKey, passCost) + stored} verifies it. Never for an empty password — VICIdial's hasher
     * refuses empty input — nor for a malformed stored value or an unusable key or cost. Exact, case-sensitive.
     */
    public static boolean matches(String password, String stored, String passKey, int passCost) {
        if (password == null || password.isEmpty() || !isWellFormed(stored)) {
            return false;
        }
        return setting(passKey, passCost)
                .map(setting -> Bcrypt.verify(password, setting + stored))
                .orElse(false);
    }

    /**
     * The 31 characters VICIdial would store for {@code password} — for fixtures and imports.
     *
     * @throws IllegalArgumentException if the password is empty or the key or cost is unusable
     */
    public static String derive(String password, String passKey, int passCost) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("VICIdial does not hash an empty password");
        }
        String setting = setting(passKey, passCost)
                .orElseThrow(() -> new IllegalArgumentException("pass_key must be 16 ASCII characters and pass_cost "
                        + Bcrypt.MIN_COST + ".." + Bcrypt.MAX_COST));
        return Bcrypt.hash(password, setting).substring(Bcrypt.HASH_LENGTH - LENGTH);
    }
}
