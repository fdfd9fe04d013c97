package io.dialfleet.agent.render;

/**
 * Which Asterisk channel driver serves the server's SIP phones (docs/spec/conf-generation.md, "Files"): chan_sip below
 * Asterisk 21, PJSIP from 21 on — Asterisk 21 removed chan_sip.
 */
public enum SipStack {
    CHAN_SIP(ConfFile.SIP, "SIP"),
    PJSIP(ConfFile.PJSIP, "PJSIP");

    /** The first Asterisk major version without chan_sip. */
    public static final int FIRST_PJSIP_MAJOR = 21;

    /** Longer digit runs are not a version number; they fall back like any other unparsable text. */
    private static final int MAX_MAJOR_DIGITS = 4;

    private final ConfFile peerFile;
    private final String dialTechnology;

    SipStack(ConfFile peerFile, String dialTechnology) {
        this.peerFile = peerFile;
        this.dialTechnology = dialTechnology;
    }

    /**
     * The stack for a server's {@code asterisk_version}: the leading major number decides ({@code 1.4.21.2} and
     * {@code 18.21.0} are chan_sip, {@code 21.1.0} and {@code 22} are PJSIP; a {@code certified/}, {@code Asterisk }
     * or {@code v} prefix is skipped). Text without a leading number — empty, {@code GIT-master-…}, garbage — gives
     * chan_sip: VICIdial's servers row defaults to {@code 1.4.21.2}, so an unknown version is most likely an old one,
     * and an operator running a development build forces {@link SipStackSetting#PJSIP}.
     */
    public static SipStack forAsteriskVersion(String asteriskVersion) {
        int major = majorVersion(asteriskVersion);
        return major >= FIRST_PJSIP_MAJOR ? PJSIP : CHAN_SIP;
    }

    /** The leading major number of an Asterisk version, or -1 when there is none. */
    static int majorVersion(String asteriskVersion) {
        if (asteriskVersion == null) {
            return -1;
        }
        String text = asteriskVersion.strip();
        int start = skipPrefix(text, "certified/");
        if (start == 0) {
            start = skipPrefix(text, "asterisk ");
        }
        if (start == 0 && !text.isEmpty() && (text.charAt(0) == 'v' || text.charAt(0) == 'V')) {
            start = 1;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        if (end == start || end - start > MAX_MAJOR_DIGITS) {
            return -1;
        }
        return Integer.parseInt(text, start, end, 10);
    }

    private static int skipPrefix(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length()) ? prefix.length() : 0;
    }

    /** The file that holds the peers of SIP phones on this stack. */
    public ConfFile peerFile() {
        return peerFile;
    }

    /** The technology of {@code Dial(<technology>/<extension>,…)} for SIP phones on this stack. */
    public String dialTechnology() {
        return dialTechnology;
    }
}
