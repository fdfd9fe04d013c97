package io.dialfleet.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How API passwords are hashed and how long a verified one is trusted (docs/spec/non-agent-api.md §4.2, D5). */
@ConfigMapping(prefix = "dialfleet.auth")
public interface AuthConfig {

    /** bcrypt cost of the hashes dialfleet writes for seeded API users, 4 to 31; each step doubles the work. */
    @WithDefault("10")
    int bcryptCost();

    /** How long a successful password verification is remembered, so repeated requests skip bcrypt; 0 disables. */
    @WithDefault("PT1M")
    Duration verificationCacheTtl();

    /** Most successful verifications remembered at once; 0 disables the cache. */
    @WithDefault("10000")
    int verificationCacheSize();
}
