package io.dialfleet.agent.render;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;

/** {@code dialfleet-sip.conf}: a chan_sip peer per SIP phone (docs/spec/conf-generation.md, "chan_sip peer"). */
final class ChanSipPeerWriter extends PeerFileWriter {

    ChanSipPeerWriter(SectionWriter section, Templates templates, CodecLists codecs) {
        super(section, templates, codecs);
    }

    @Override
    String dialTechnology() {
        return "SIP";
    }

    @Override
    void plain(PhoneWriter w, Phone phone, StringBuilder b) {
        credentials(w, phone, b);
        w.entry(b, "context", phone.phoneContext(), "phone_context", Rule.VALUE);
        allow(phone, b);
        b.append("type=friend\nhost=dynamic\n");
    }

    @Override
    void beforeTemplate(PhoneWriter w, Phone phone, boolean codecsWithTemplate, StringBuilder b) {
        credentials(w, phone, b);
        if (codecsWithTemplate) {
            allow(phone, b);
        }
    }
}
