package io.dialfleet.agent.asterisk;

/** An AMI session that runs CLI commands and sends the verifier's read-only actions. */
public interface AmiClient extends CommandRunner {

    /**
     * Sends {@code action} and returns its answer, events included.
     *
     * @throws AsteriskConnectionException Asterisk could not be reached or the connection broke
     * @throws AsteriskTimeoutException    no answer in time
     * @throws AsteriskAccessException     the account lacks the action's {@code write=} class
     */
    AmiAnswer action(AmiAction action);
}
