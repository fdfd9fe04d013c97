package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.isYes;
import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dialfleet-extensions.conf} (docs/spec/conf-generation.md, "Dialplan"): the {@code [dialfleet-phones]} context, even
 * without phones, so the operator's {@code include => dialfleet-phones} always names an existing context; three
 * priorities per phone with a dialplan number.
 */
final class DialplanWriter {

    static final String PHONES_CONTEXT = "dialfleet-phones";

    private final SectionWriter section;
    private final Map<String, String> owners = new HashMap<>();
    private final List<String> numbers = new ArrayList<>();

    DialplanWriter(SectionWriter section) {
        this.section = section;
        section.openSection(PHONES_CONTEXT);
    }

    SectionWriter section() {
        return section;
    }

    /** Writes the phone's three priorities; gives the dialplan number written, or null. */
    String write(PhoneWriter w, Phone phone, String technology) {
        String number = text(phone.dialplanNumber());
        if (number.isEmpty()) {
            w.note("phone " + w.extension() + ": dialplan_number is empty; no dialplan entry written");
            return null;
        }
        if (!Rule.DIALPLAN.accepts(number)) {
            w.problem(Rule.DIALPLAN.complaint("dialplan_number"));
            return null;
        }
        if (ReservedDialplanNumbers.isReserved(number)) {
            w.note("phone " + w.extension() + ": dialplan_number is an extension Asterisk runs by itself (s, h, i, t,"
                    + " …); its dialplan entry is not written");
            return null;
        }
        String owner = owners.get(number);
        if (owner != null) {
            // Asterisk keeps the first exten it reads and only warns about the rest.
            w.note("phone " + w.extension() + ": dialplan number " + number + " already belongs to phone " + owner
                    + "; its dialplan entry is not written");
            return null;
        }
        // Every part of these lines is a capped token (PeerSafety.MAX_TOKEN) or a number: no length check needed.
        String failover = failover(w, phone);
        StringBuilder b = section.out();
        b.append("exten => ").append(number).append(",1,Dial(").append(technology).append('/')
                .append(w.extension()).append(',').append(phone.phoneRingTimeout()).append(",)\n");
        b.append("exten => ").append(number).append(",2,").append(failover).append('\n');
        b.append("exten => ").append(number).append(",3,Hangup()\n");
        return number;
    }

    /** Records a written number as the phone's, once the phone is kept. */
    void keep(String number, String extension) {
        owners.put(number, extension);
        numbers.add(number);
    }

    /** The numbers written, in file order. */
    List<String> numbers() {
        return numbers;
    }

    private static String failover(PhoneWriter w, Phone phone) {
        String forward = text(phone.unavailDialplanFwdExten());
        if (!forward.isEmpty()) {
            String context = text(phone.unavailDialplanFwdContext());
            context = context.isEmpty() ? "default"
                    : w.checked(context, "unavail_dialplan_fwd_context", Rule.NAME);
            return "Goto(" + context + ',' + w.checked(forward, "unavail_dialplan_fwd_exten", Rule.DIALPLAN) + ",1)";
        }
        String mailbox = text(phone.voicemailId());
        if (!mailbox.isEmpty()) {
            mailbox = w.checked(mailbox, "voicemail_id", Rule.MAILBOX);
        }
        // VICIdial's voicemail extensions: ...66 plays the instructions, ...67 does not.
        String prefix = isYes(phone.voicemailInstructions()) ? "85026666666666" : "85026666666667";
        return "Goto(default," + prefix + mailbox + ",1)";
    }
}
