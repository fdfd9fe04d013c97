package io.dialfleet.agent.asterisk;

/** Runs one allow-listed CLI command on the local Asterisk and returns what it printed. */
public interface CommandRunner {

    /**
     * Runs {@code command} and returns its text output, whatever it says.
     *
     * @throws AsteriskConnectionException Asterisk could not be reached or the connection broke
     * @throws AsteriskTimeoutException    no answer in time; the command may still be running in Asterisk
     * @throws AsteriskAccessException     the credentials or the account's permissions do not allow it
     * @throws AsteriskException           Asterisk refused the command for another stated reason
     */
    CommandOutput run(AsteriskCommand command);

    /**
     * Makes sure commands can be sent: logs in to AMI when no session is logged in (a logged-in session is kept), or
     * checks that the {@code asterisk} binary can be run. A runner with neither has nothing to check.
     *
     * @throws AsteriskConnectionException Asterisk could not be reached
     * @throws AsteriskAccessException     the login was refused
     */
    default void checkAccess() {
    }
}
