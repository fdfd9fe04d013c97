package io.dialfleet.realasterisk;

/** Every port one Asterisk listens on, all on 127.0.0.1. */
public record Ports(int sip, int iax2, int ami, int http, int rtpStart, int rtpEnd) {

    /** RTP ports per Asterisk: registrations open none, a call two. */
    private static final int RTP_PORTS = 10;

    static Ports pick() {
        // Asterisk rounds an odd rtpstart up (RTP takes the even port, RTCP the odd one above it).
        int first = FreePorts.pickRange(RTP_PORTS + 1);
        int rtp = first % 2 == 0 ? first : first + 1;
        return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), rtp,
                rtp + RTP_PORTS - 1);
    }
}
