package io.dialfleet.bench.stack;

import java.util.Locale;

/** What the PostgreSQL started by the tool promises about committed data. */
public enum Durability {
    /**
     * common/embedded-infra's test settings: fsync, synchronous_commit and full_page_writes off. Fast, and what every
     * test uses (the local run is durable); a commit is not on disk when the API answers, and the report says so.
     */
    DEVELOPMENT("dev"),
    /** PostgreSQL's own defaults for the three: a reply means the row survives a power cut, as in production. */
    PRODUCTION("production");

    private final String option;

    Durability(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    public static Durability parse(String text) {
        for (Durability durability : values()) {
            if (durability.option.equals(text.toLowerCase(Locale.ROOT))) {
                return durability;
            }
        }
        throw new IllegalArgumentException("--pg-durability is dev or production, not " + text);
    }
}
