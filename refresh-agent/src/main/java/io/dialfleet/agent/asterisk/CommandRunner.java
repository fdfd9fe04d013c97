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
}
