package io.dialfleet.agent.refresh;

/**
 * The phases of a run, each timed by {@link PhaseClock} where it happens. A run may go through a phase more than once
 * (a pass without the phones Asterisk refused, the steps of a large PJSIP removal, a rollback); each time is reported.
 */
public enum RunPhase {
    /** Getting the server's peer-config snapshot from the api-service, retries included. */
    FETCH,
    /** Rendering the five files and validating them. */
    RENDER,
    /** Writing changed files into place: the run's own, a PJSIP removal step's, a rollback's. */
    INSTALL,
    /** The {@code module reload} commands, retries while Asterisk is busy included. */
    RELOAD,
    /** Waiting for the reloads to be over and checking Asterisk's live state against the files. */
    VERIFY
}
