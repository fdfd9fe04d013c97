package io.dialfleet.api.bridge;

import java.util.Objects;

/**
 * The three-way rule of the reverse path, per phone or alias: each side's digest against the base both sides last
 * agreed on ({@code vicidial_sync}). A null digest is a row that does not exist on that side (or, for the base, a
 * key never agreed on).
 */
public enum ThreeWay {

    /** Both sides hold the same row (or neither holds one); at most the base needs to catch up. */
    AGREED,
    /** Only VICIdial moved away from the base: its row becomes a dialfleet change. */
    VICIDIAL_CHANGED,
    /** Only dialfleet moved: a forward write is pending or was missed; push dialfleet's row. */
    DIALFLEET_AHEAD,
    /** Both moved, differently: dialfleet wins (pushed), counted and logged as drift. */
    CONFLICT;

    public static ThreeWay of(String vicidial, String dialfleet, String base) {
        if (Objects.equals(vicidial, dialfleet)) {
            return AGREED;
        }
        if (Objects.equals(dialfleet, base)) {
            return VICIDIAL_CHANGED;
        }
        if (Objects.equals(vicidial, base)) {
            return DIALFLEET_AHEAD;
        }
        return CONFLICT;
    }
}
