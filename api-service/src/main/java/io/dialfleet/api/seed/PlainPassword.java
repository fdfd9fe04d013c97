package io.dialfleet.api.seed;

/**
 * A plain {@code vicidial_users.pass} from a seed, on its way to {@code ApiPasswords.hash}: it is never stored,
 * and printing it shows nothing.
 */
final class PlainPassword {

    private final String value;

    PlainPassword(String value) {
        this.value = value;
    }

    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "PlainPassword[***]";
    }
}
