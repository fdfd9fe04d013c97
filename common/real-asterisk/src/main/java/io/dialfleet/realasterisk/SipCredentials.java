package io.dialfleet.realasterisk;

/**
 * A SIP user and the password it registers with. Neither may contain {@code ;} (the separator of sipp's
 * {@code -inf} file), white space or {@code ]} (they end sipp's {@code [authentication …]} keyword).
 */
public record SipCredentials(String user, String password) {

    public SipCredentials {
        if (!(user + password).matches("[^;\\s\\]]*")) {
            throw new IllegalArgumentException("user and password may not contain ';', ']' or white space");
        }
    }

    @Override
    public String toString() {
        return "SipCredentials[" + user + "]";
    }
}
