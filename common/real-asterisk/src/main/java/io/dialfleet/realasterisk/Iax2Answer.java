package io.dialfleet.realasterisk;

/**
 * The final answer to an IAX2 registration.
 *
 * @param challenged whether Asterisk asked for the secret (REGAUTH) first; a REGACK without one accepts anyone
 * @param cause      Asterisk's cause text of a REGREJ, or why there was no answer
 */
public record Iax2Answer(Kind kind, boolean challenged, String cause) {

    public enum Kind {
        /** Registration accepted. */
        REGACK,
        /** Registration rejected. */
        REGREJ,
        /** Nothing (or nothing understood) within the timeout. */
        NO_ANSWER
    }

    public boolean accepted() {
        return kind == Kind.REGACK;
    }

    @Override
    public String toString() {
        return kind + (challenged ? " after a challenge" : " without a challenge")
                + (cause == null || cause.isEmpty() ? "" : " (" + cause + ")");
    }
}
