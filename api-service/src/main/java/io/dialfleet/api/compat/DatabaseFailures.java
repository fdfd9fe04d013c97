package io.dialfleet.api.compat;

import io.vertx.pgclient.PgException;

/**
 * Which database failures are a lost race, to be run again (the others answer 503: DatabaseUnavailable).
 */
final class DatabaseFailures {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    private DatabaseFailures() {
    }

    /** A concurrent request won the race; running the request again gives the reply that applies now. */
    static boolean isConflict(Throwable failure) {
        return failure instanceof PgException pg && switch (pg.getSqlState()) {
            case UNIQUE_VIOLATION, SERIALIZATION_FAILURE, DEADLOCK -> true;
            default -> false;
        };
    }
}
