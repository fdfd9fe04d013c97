package io.dialfleet.api.seed;

import java.util.Locale;

/** How an import meets the rows already there (docs/spec/seed-format.md). */
public enum SeedMode {

    /** Empty every table the system owns, reset the settings, then insert: for tests and fixtures. */
    REPLACE,

    /** Upsert each row by its natural key, setting only the columns the document gives. */
    MERGE,

    /**
     * Import as {@link #MERGE} only when no table a seed fills holds a row (the settings row aside); otherwise import
     * nothing. The check runs under the import's table lock, so replicas starting together import once.
     */
    IF_EMPTY;

    /** {@code replace}, {@code merge} or {@code if-empty}, in any case. */
    public static SeedMode parse(String value) {
        if (value != null) {
            for (SeedMode mode : values()) {
                if (mode.label().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
        }
        throw new SeedRejected("mode must be replace, merge or if-empty");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
