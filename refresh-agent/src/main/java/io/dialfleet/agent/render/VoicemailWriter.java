package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.isYes;
import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dialfleet-voicemail.conf} (docs/spec/conf-generation.md, "Voicemail"): one mailbox line per phone with a
 * {@code voicemail_id}, and no section — the file is included under {@code [default]}.
 */
final class VoicemailWriter {

    private final SectionWriter section;
    /** Mailboxes lower-cased: app_voicemail matches them ignoring case. */
    private final Map<String, String> owners = new HashMap<>();
    private final List<String> mailboxes = new ArrayList<>();

    VoicemailWriter(SectionWriter section) {
        this.section = section;
    }

    SectionWriter section() {
        return section;
    }

    /** Writes the phone's mailbox line; gives the mailbox written, or null. */
    String write(PhoneWriter w, Phone phone) {
        String mailbox = text(phone.voicemailId());
        if (mailbox.isEmpty()) {
            return null;
        }
        if (!Rule.MAILBOX.accepts(mailbox)) {
            w.problem(Rule.MAILBOX.complaint("voicemail_id"));
            return null;
        }
        String owner = owners.get(mailbox.toLowerCase(Locale.ROOT));
        if (owner != null) {
            w.note("phone " + w.extension() + ": voicemail box " + mailbox + " already belongs to phone " + owner
                    + "; its mailbox line is not written");
            return null;
        }
        section.separateFromHeader();
        StringBuilder b = section.out();
        int start = b.length();
        b.append(mailbox).append(" => ").append(w.checked(phone.pass(), "pass", Rule.VOICEMAIL_FIELD))
                .append(',').append(w.extension()).append(" Mailbox,")
                .append(w.checked(phone.email(), "email", Rule.VOICEMAIL_FIELD))
                .append(",,|delete=").append(isYes(phone.deleteVmAfterEmail()) ? "yes" : "no")
                .append("|tz=").append(w.checked(phone.voicemailTimezone(), "voicemail_timezone", Rule.VOICEMAIL_FIELD))
                .append('|').append(w.checked(phone.voicemailOptions(), "voicemail_options", Rule.VALUE))
                .append('\n');
        w.lineEnded(b, start, "the mailbox line");
        return mailbox;
    }

    /** Records a written mailbox as the phone's, once the phone is kept. */
    void keep(String mailbox, String extension) {
        owners.put(mailbox.toLowerCase(Locale.ROOT), extension);
        mailboxes.add(mailbox);
    }

    /** The mailboxes written, in file order. */
    List<String> mailboxes() {
        return mailboxes;
    }
}
