package io.dialfleet.infra;

/**
 * A piece of infrastructure could not be started (or stopped cleanly). Carries the output of the
 * failed native command when there is one, because "initdb failed" alone never says why.
 */
public class InfraStartException extends RuntimeException {

    public InfraStartException(String message) {
        super(message);
    }

    public InfraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
