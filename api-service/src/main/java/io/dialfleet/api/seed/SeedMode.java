package io.dialfleet.api.seed;

import java.util.Locale;

/** How an import meets the rows already there (seed-format.md). */
public enum SeedMode {

    /** Empty every table the system owns, reset the settings, then insert: for tests and fixtures. */
    REPLACE,

    /** Upsert each row by its natural key, setting only the columns the document gives. */
    MERGE;

    /** {@code replace} or {@code merge}, in any case. */
    public static SeedMode parse(String value) {
        if (value != null) {
            for (SeedMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
        }
        throw new SeedRejected("mode must be replace or merge");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
