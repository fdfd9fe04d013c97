package io.dialfleet.infra;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Starts PostgreSQL on this machine without Docker: zonky's bundled binaries first, then the
 * machine's own binaries (see {@link PostgresBinaries}).
 */
public final class LocalPostgres {

    private static final Logger LOG = System.getLogger(LocalPostgres.class.getName());

    private LocalPostgres() {
    }

    public static PostgresServer start() {
        return start(PostgresOptions.defaults());
    }

    public static PostgresServer start(PostgresOptions options) {
        switch (options.binaries()) {
            case ZONKY:
                return ZonkyPostgresServer.start(options);
            case SYSTEM:
                return SystemPostgresServer.start(options);
            case AUTO:
            default:
                return startZonkyOrSystem(options);
        }
    }

    private static PostgresServer startZonkyOrSystem(PostgresOptions options) {
        try {
            return ZonkyPostgresServer.start(options);
        } catch (InfraStartException zonkyFailure) {
            LOG.log(Level.WARNING, "zonky PostgreSQL did not start ({0}); trying the PostgreSQL binaries of this machine",
                    rootCauseMessage(zonkyFailure));
            try {
                return SystemPostgresServer.start(options);
            } catch (InfraStartException systemFailure) {
                systemFailure.addSuppressed(zonkyFailure);
                throw systemFailure;
            }
        }
    }

    private static String rootCauseMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
