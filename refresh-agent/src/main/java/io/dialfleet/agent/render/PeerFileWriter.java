package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.List;

/**
 * What the three peer files share (docs/spec/conf-generation.md, "Templates and overrides"): a phone's section is its file's
 * own lines; with a template, the file's first lines, then the template's, then the override's; with no template, an
 * override longer than 10 characters is the whole section (VICIdial's behaviour). Each subclass writes one file's
 * lines ("chan_sip peer", "IAX2 peer", "PJSIP wizard section").
 */
abstract sealed class PeerFileWriter permits ChanSipPeerWriter, Iax2PeerWriter, PjsipWizardWriter {

    /** An override counts when longer than 10 characters. */
    private static final int MIN_OVERRIDE = 11;

    private final SectionWriter section;
    private final Templates templates;
    protected final CodecLists codecs;

    PeerFileWriter(SectionWriter section, Templates templates, CodecLists codecs) {
        this.section = section;
        this.templates = templates;
        this.codecs = codecs;
    }

    SectionWriter section() {
        return section;
    }

    /** The technology of the phone's {@code Dial(<technology>/<extension>,…)}. */
    abstract String dialTechnology();

    /** A section without template or override. */
    abstract void plain(PhoneWriter w, Phone phone, StringBuilder b);

    /** The lines before a template's. */
    abstract void beforeTemplate(PhoneWriter w, Phone phone, boolean codecsWithTemplate, StringBuilder b);

    /** Records why the file cannot take this template, if it cannot. */
    void checkTemplate(PhoneWriter w, PreparedText template) {
    }

    /**
     * Writes the phone's section after the file's last one.
     *
     * @return whether the section is the override alone (no template)
     */
    final boolean write(PhoneWriter w, Phone phone) {
        PreparedText template = templates.of(w, phone);
        String overrideText = text(phone.confOverride());
        PreparedText override = overrideText.length() >= MIN_OVERRIDE ? PreparedText.of(overrideText) : null;
        StringBuilder b = section.out();
        section.openSection(w.extension());
        if (template == null) {
            if (override != null) {
                w.text(b, override, "conf_override");
                return true;
            }
            plain(w, phone, b);
            return false;
        }
        beforeTemplate(w, phone, "1".equals(text(phone.codecsWithTemplate()).strip()), b);
        checkTemplate(w, template);
        w.text(b, template, "template_contents of its template");
        if (override != null) {
            w.text(b, override, "conf_override");
        }
        return false;
    }

    /** The first lines of every chan_sip and IAX2 peer, with or without template. */
    static void credentials(PhoneWriter w, Phone phone, StringBuilder b) {
        b.append("username=").append(w.extension()).append('\n');
        secret(w, phone, b, "secret");
        b.append("accountcode=").append(w.extension()).append('\n');
        callerId(w, phone, b, "callerid");
        mailbox(w, phone, b, "mailbox");
    }

    /** chan_sip and IAX2: nothing when the list names no codec. */
    void allow(Phone phone, StringBuilder b) {
        List<Codec> allowed = codecs.of(phone);
        if (allowed.isEmpty()) {
            return;
        }
        b.append("disallow=all\n");
        for (Codec codec : allowed) {
            b.append("allow=").append(codec.asteriskName()).append('\n');
        }
    }

    /** An empty secret is written as it is; {@link SecretRule} then refuses the section unless a later line sets one. */
    static void secret(PhoneWriter w, Phone phone, StringBuilder b, String key) {
        w.entry(b, key, phone.confSecret(), "conf_secret", Rule.VALUE);
    }

    static void callerId(PhoneWriter w, Phone phone, StringBuilder b, String key) {
        String fullname = text(phone.fullname());
        String outboundCid = text(phone.outboundCid());
        if (fullname.isEmpty() && outboundCid.isEmpty()) {
            return;
        }
        int start = b.length();
        b.append(key).append("=\"").append(w.checked(fullname, "fullname", Rule.VALUE)).append("\" <")
                .append(w.checked(outboundCid, "outbound_cid", Rule.VALUE)).append(">\n");
        w.lineEnded(b, start, "fullname/outbound_cid");
    }

    static void mailbox(PhoneWriter w, Phone phone, StringBuilder b, String key) {
        String mailbox = text(phone.voicemailId());
        if (!mailbox.isEmpty()) {
            b.append(key).append('=').append(w.checked(mailbox, "voicemail_id", Rule.MAILBOX)).append('\n');
        }
    }
}
