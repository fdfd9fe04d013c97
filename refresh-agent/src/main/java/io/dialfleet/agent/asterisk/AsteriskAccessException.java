package io.dialfleet.agent.asterisk;

/** Login refused or permission denied: an operator has to fix the account; retrying will not help. */
public class AsteriskAccessException extends AsteriskException {

    public AsteriskAccessException(String message) {
        super(message);
    }
}
