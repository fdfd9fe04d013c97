package io.dialfleet.agent.render;

/** How the renderer reads a snapshot's text fields: null is empty, and VICIdial's Y/N flags in either case. */
final class PhoneValues {

    private PhoneValues() {
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    /** VICIdial's Y/N flags; the database stores them upper-case, the renderer accepts either case. */
    static boolean isYes(String flag) {
        return "Y".equalsIgnoreCase(text(flag));
    }
}
