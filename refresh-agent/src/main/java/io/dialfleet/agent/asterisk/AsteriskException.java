package io.dialfleet.agent.asterisk;

/** Asterisk could not be asked, or refused to run a command. The message says which, never with a secret. */
public class AsteriskException extends RuntimeException {

    public AsteriskException(String message) {
        super(message);
    }

    public AsteriskException(String message, Throwable cause) {
        super(message, cause);
    }
}
