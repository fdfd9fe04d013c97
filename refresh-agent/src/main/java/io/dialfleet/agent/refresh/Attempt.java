package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.Verification;

/**
 * How one step's install, reloads and checks went.
 *
 * @param problem      what went wrong, or null
 * @param verification the live-state check that failed, when it was one; null otherwise
 * @param settled      whether Asterisk is known to be done with the files (false: it may still be applying them, a
 *                     rollback now could race it)
 */
record Attempt(String problem, Verification verification, boolean settled) {

    static final Attempt OK = new Attempt(null, null, true);

    /** A failure that left Asterisk as it was: nothing was reloaded. */
    static Attempt notInstalled(RuntimeException e) {
        return new Attempt("cannot install the rendered files: " + e.getMessage(), null, true);
    }

    boolean ok() {
        return problem == null;
    }

    /**
     * Whether the problems are all about phones' peer sections, so that leaving those phones out can let the rest
     * apply; anything else (a reload refused, a module that kept its old state, an unreadable answer) is rolled back.
     */
    boolean phonesAlone() {
        return verification != null && verification.onlyFailedObjects()
                && verification.failed().stream().allMatch(object -> object.kind().fromPeerSections());
    }
}
