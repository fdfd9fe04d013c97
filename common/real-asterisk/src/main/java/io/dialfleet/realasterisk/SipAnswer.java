package io.dialfleet.realasterisk;

/**
 * The final answer to a REGISTER: the status code of the last response received ({@code 200} registered; {@code
 * 401}/{@code 403} refused credentials; {@code 404} no such aor; {@code 500}...), or {@link #NO_ANSWER} when none
 * came.
 */
public record SipAnswer(int status, String reason) {

    public static final int NO_ANSWER = 0;

    static SipAnswer none(String why) {
        return new SipAnswer(NO_ANSWER, why);
    }

    public boolean registered() {
        return status == 200;
    }

    @Override
    public String toString() {
        return status == NO_ANSWER ? "no answer (" + reason + ")" : status + " " + reason;
    }
}
