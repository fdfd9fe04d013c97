package io.dialfleet.api.compat;

/** The result of the login rules for one request. */
sealed interface LoginOutcome {

    /**
     * GOOD: the function may run.
     *
     * @param userId          the row whose login columns a GOOD login updates
     * @param recordLogin     whether that update would change anything (it is skipped when it would not)
     */
    record Accepted(ApiUser user, long userId, boolean recordLogin) implements LoginOutcome {
    }

    /** BAD, LOCK or IPBLOCK: this reply, and no API-log row. */
    record Refused(Reply reply) implements LoginOutcome {
    }
}
