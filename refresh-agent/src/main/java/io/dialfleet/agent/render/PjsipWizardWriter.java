package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.List;

/**
 * {@code dialfleet-pjsip.conf}: a PJSIP wizard section per PJSIP phone, and per SIP phone on a PJSIP server
 * (docs/spec/conf-generation.md, "PJSIP wizard section").
 */
final class PjsipWizardWriter extends PeerFileWriter {

    PjsipWizardWriter(SectionWriter section, Templates templates, CodecLists codecs) {
        super(section, templates, codecs);
    }

    @Override
    String dialTechnology() {
        return "PJSIP";
    }

    @Override
    void plain(PhoneWriter w, Phone phone, StringBuilder b) {
        b.append("type=wizard\naccepts_auth=yes\naccepts_registrations=yes\n");
        b.append("inbound_auth/username=").append(w.extension()).append('\n');
        secret(w, phone, b, "inbound_auth/password");
        b.append("endpoint/accountcode=").append(w.extension()).append('\n');
        b.append("aor/max_contacts=1\naor/remove_existing=yes\naor/qualify_frequency=15\n");
        w.entry(b, "endpoint/context", phone.phoneContext(), "phone_context", Rule.VALUE);
        callerId(w, phone, b, "endpoint/callerid");
        mailbox(w, phone, b, "endpoint/mailboxes");
        allow(phone, b);
        b.append("endpoint/dtmf_mode=rfc4733\nendpoint/direct_media=no\nendpoint/rtp_symmetric=yes\n")
                .append("endpoint/force_rport=yes\nendpoint/rewrite_contact=yes\n");
        String webphone = text(phone.isWebphone());
        if (webphone.equalsIgnoreCase("Y") || webphone.equalsIgnoreCase("Y_API_LAUNCH")) {
            b.append("endpoint/webrtc=yes\n");
        }
    }

    /** The lines a wizard section with a template always gets (the wizard ignores bare username/secret keys). */
    @Override
    void beforeTemplate(PhoneWriter w, Phone phone, boolean codecsWithTemplate, StringBuilder b) {
        b.append("type=wizard\naccepts_auth=yes\naccepts_registrations=yes\n");
        b.append("inbound_auth/username=").append(w.extension()).append('\n');
        secret(w, phone, b, "inbound_auth/password");
        b.append("endpoint/accountcode=").append(w.extension()).append('\n');
        callerId(w, phone, b, "endpoint/callerid");
        mailbox(w, phone, b, "endpoint/mailboxes");
        if (codecsWithTemplate) {
            allow(phone, b);
        }
    }

    /** The wizard rejects other keys than {@code endpoint/…} and {@code aor/…} and, with them, the whole phone. */
    @Override
    void checkTemplate(PhoneWriter w, PreparedText template) {
        if (template.problem() == null && !template.wizardOnly()) {
            w.problem("template_contents of its template has lines other than endpoint/... and aor/...");
        }
    }

    /** PJSIP: always {@code disallow=all}; gsm then ulaw when the list names no codec. */
    @Override
    void allow(Phone phone, StringBuilder b) {
        List<Codec> allowed = codecs.of(phone);
        b.append("endpoint/disallow=all\n");
        if (allowed.isEmpty()) {
            b.append("endpoint/allow=gsm\nendpoint/allow=ulaw\n");
            return;
        }
        for (Codec codec : allowed) {
            b.append("endpoint/allow=").append(codec.asteriskName()).append('\n');
        }
    }
}
