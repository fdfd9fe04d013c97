package io.dialfleet.bench.render;

import io.dialfleet.agent.render.SipStack;

/** The protocol/stack combinations the renderer benchmark covers: every phone of a server is of one kind. */
public enum RenderCase {
    /** SIP phones on an Asterisk below 21: chan_sip peers in dialfleet-sip.conf. */
    CHAN_SIP("SIP", SipStack.CHAN_SIP),
    /** SIP phones on Asterisk 21 or later: PJSIP wizard sections in dialfleet-pjsip.conf. */
    PJSIP("SIP", SipStack.PJSIP),
    /** IAX2 phones: dialfleet-iax.conf. */
    IAX2("IAX2", SipStack.CHAN_SIP);

    private final String protocol;
    private final SipStack stack;

    RenderCase(String protocol, SipStack stack) {
        this.protocol = protocol;
        this.stack = stack;
    }

    public String protocol() {
        return protocol;
    }

    public SipStack stack() {
        return stack;
    }

    public String label() {
        return switch (this) {
            case CHAN_SIP -> "chan_sip (SIP)";
            case PJSIP -> "PJSIP";
            case IAX2 -> "IAX2";
        };
    }
}
