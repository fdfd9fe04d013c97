package io.dialfleet.agent.asterisk;

/** Asterisk could not be reached, the connection broke, or it spoke something else than expected. */
public class AsteriskConnectionException extends AsteriskException {

    public AsteriskConnectionException(String message) {
        super(message);
    }

    public AsteriskConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
