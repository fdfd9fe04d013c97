package io.dialfleet.api.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The operator token of the admin endpoints and the seed file imported at start-up (docs/spec/seed-format.md). */
@ConfigMapping(prefix = "dialfleet")
public interface SeedConfig {

    Admin admin();

    Seed seed();

    interface Admin {

        /** Bearer token that opens {@code /api/v1/admin/*}; absent or empty turns token authentication off. */
        Optional<String> token();
    }

    interface Seed {

        /** Seed document imported at start-up, after the migrations; absent imports nothing. */
        Optional<String> file();

        /**
         * How the start-up import applies the file: {@code merge} (upsert by natural key), {@code replace}, or
         * {@code if-empty} (merge into a database without a fleet, else nothing: replicas starting together import once).
         */
        @WithDefault("merge")
        SeedMode mode();

        /** Whether the start-up import skips audit events, refresh requests and revision changes. */
        @WithDefault("false")
        boolean silent();
    }
}
