package io.dialfleet.api.bridge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The VICIdial bridge: off unless {@code dialfleet.vicidial.url} names VICIdial's MySQL. Credentials come from the
 * environment or a Secret and are never logged.
 */
@ConfigMapping(prefix = "dialfleet.vicidial")
public interface BridgeConfig {

    /** JDBC URL of the VICIdial cluster's MySQL, e.g. {@code jdbc:mariadb://10.0.0.5:3306/asterisk}; absent: off. */
    Optional<String> url();

    /** MySQL user of the bridge (SELECT, INSERT, UPDATE, DELETE on {@code phones}, {@code phones_alias}, {@code servers}). */
    Optional<String> username();

    /** That user's password. */
    Optional<String> password();

    /** Connect and read timeout of every MySQL connection. */
    @WithDefault("PT10S")
    Duration mysqlTimeout();

    /** Kafka consumer group of the forward mirror; one group for all replicas, so each change is mirrored once. */
    @WithDefault("dialfleet-vicidial-bridge")
    String consumerGroup();

    /** Most change events the forward mirror takes in one batch (one MySQL pass, one offset commit). */
    @WithDefault("500")
    int batchSize();

    /** First wait before the forward mirror retries a batch that MySQL or PostgreSQL refused; doubles per failure. */
    @WithDefault("PT1S")
    Duration retryBackoff();

    /** Longest wait between those retries. */
    @WithDefault("PT30S")
    Duration retryBackoffMax();

    /** How often the reverse path compares every phone and alias of both sides. */
    @WithDefault("PT60S")
    Duration reconcileInterval();

    /** How often the reverse path reads new {@code vicidial_admin_log} rows. */
    @WithDefault("PT1S")
    Duration adminLogInterval();

    /** Whether a MySQL URL is configured. */
    default boolean enabled() {
        return url().filter(url -> !url.isBlank()).isPresent();
    }
}
