package io.dialfleet.api.bridge;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * VICIdial's MySQL as the bridge reaches it: hands each bridge thread its {@link VicidialConnection} and remembers
 * whether the last attempt reached the server (for the health check). Never used on the API's request path.
 */
@ApplicationScoped
public class VicidialDatabase {

    /** The outcome of the last attempt by any bridge thread; {@code error} never holds a value or a credential. */
    public record Reachability(boolean connected, Instant since, String error) {
    }

    private final BridgeConfig config;
    private final AtomicReference<Reachability> reachability =
            new AtomicReference<>(new Reachability(false, Instant.now(), "not connected yet"));

    public VicidialDatabase(BridgeConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** A connection holder for one thread. */
    public VicidialConnection open() {
        return new VicidialConnection(this);
    }

    public Reachability reachability() {
        return reachability.get();
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        config.username().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        String timeout = String.valueOf(config.mysqlTimeout().toMillis());
        properties.setProperty("connectTimeout", timeout);
        properties.setProperty("socketTimeout", timeout);
        // Write as VICIdial's own PHP and Perl do, in the server's sql_mode: the driver would otherwise add
        // STRICT_TRANS_TABLES, and one value MySQL turns away would hold up the mirror for good.
        properties.setProperty("jdbcCompliantTruncation", "false");
        return DriverManager.getConnection(config.url().orElseThrow(), properties);
    }

    void reachable() {
        Reachability now = reachability.get();
        if (!now.connected()) {
            reachability.set(new Reachability(true, Instant.now(), null));
        }
    }

    /** Only a failure to reach the server counts as disconnected; a refused statement does not. */
    void failed(SQLException failure) {
        boolean lostConnection = failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLTransientConnectionException || failure instanceof SQLTimeoutException
                || (failure.getSQLState() != null && failure.getSQLState().startsWith("08"));
        if (!lostConnection) {
            return;
        }
        String error = failure.getClass().getSimpleName() + " (SQLState " + failure.getSQLState() + ", code "
                + failure.getErrorCode() + ")";
        Reachability now = reachability.get();
        reachability.set(new Reachability(false, now.connected() ? Instant.now() : now.since(), error));
    }
}
