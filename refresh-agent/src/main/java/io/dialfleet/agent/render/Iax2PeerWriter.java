package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.isYes;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;

/** {@code dialfleet-iax.conf}: an IAX2 peer per IAX2 phone (docs/spec/conf-generation.md, "IAX2 peer"). */
final class Iax2PeerWriter extends PeerFileWriter {

    Iax2PeerWriter(SectionWriter section, Templates templates, CodecLists codecs) {
        super(section, templates, codecs);
    }

    @Override
    String dialTechnology() {
        return "IAX2";
    }

    @Override
    void plain(PhoneWriter w, Phone phone, StringBuilder b) {
        credentials(w, phone, b);
        b.append("requirecalltoken=no\n");
        w.entry(b, "context", phone.phoneContext(), "phone_context", Rule.VALUE);
        allow(phone, b);
        b.append("type=friend\nauth=md5\nhost=dynamic\n");
        qualify(phone, b);
    }

    @Override
    void beforeTemplate(PhoneWriter w, Phone phone, boolean codecsWithTemplate, StringBuilder b) {
        credentials(w, phone, b);
        qualify(phone, b);
        if (codecsWithTemplate) {
            allow(phone, b);
        }
    }

    private static void qualify(Phone phone, StringBuilder b) {
        if (isYes(phone.confQualify())) {
            b.append("qualify=yes\n");
        }
    }
}
