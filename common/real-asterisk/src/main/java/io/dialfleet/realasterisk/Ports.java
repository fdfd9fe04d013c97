package io.dialfleet.realasterisk;

/** Every port one Asterisk listens on, all on 127.0.0.1. */
public record Ports(int sip, int iax2, int ami, int http, int rtpStart, int rtpEnd) {

    /** RTP ports per Asterisk: registrations open none, a call two. */
    private static final int RTP_PORTS = 10;

    static Ports pick() {
        int rtp = FreePorts.pickRange(RTP_PORTS);
        return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), rtp,
                rtp + RTP_PORTS - 1);
    }
}
