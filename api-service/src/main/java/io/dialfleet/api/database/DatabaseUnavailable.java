package io.dialfleet.api.database;

import io.vertx.pgclient.PgException;

/** The database did not answer in time, or not at all: the caller gets 503 and may try again. */
public class DatabaseUnavailable extends RuntimeException {

    public DatabaseUnavailable(String message) {
        super(message, null, false, false);
    }

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A failure for the log, without PostgreSQL's DETAIL, which can quote a whole row (passwords included). */
    public static String describe(Throwable failure) {
        if (failure instanceof PgException pg) {
            return "PostgreSQL " + pg.getSqlState() + ": " + pg.getErrorMessage();
        }
        return failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
