package io.dialfleet.agent.asterisk;

/**
 * No answer in time. The command may still be running inside Asterisk: a reload that removes many PJSIP phones
 * goes on after {@code asterisk -rx} has given up (docs/spec/asterisk-behaviour.md, "How long a reload takes").
 */
public class AsteriskTimeoutException extends AsteriskConnectionException {

    public AsteriskTimeoutException(String message) {
        super(message);
    }

    public AsteriskTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
