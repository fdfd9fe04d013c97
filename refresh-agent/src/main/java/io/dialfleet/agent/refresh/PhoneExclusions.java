package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.Verification.FailedObject;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The phones a run leaves out because Asterisk did not take them (issue 13, "one bad phone never blocks a server"),
 * each with why and with the data it had then: a later run leaves it out again without trying while that data
 * (the phone, its template, the server's settings) stays the same, so a bad phone costs one extra reload once, not
 * on every run. A forced run starts afresh.
 */
final class PhoneExclusions {

    /** What a phone's section depends on: when any of it changes, the phone is tried again. */
    private record Inputs(Phone phone, String template, PeerConfigSnapshot.Server server, String defaultCodecs) {
    }

    private record Exclusion(String reason, Inputs inputs) {
    }

    private final Map<String, Exclusion> byExtension = new LinkedHashMap<>();

    /** The exclusions whose phone is in {@code snapshot} with the same inputs. */
    PhoneExclusions carriedTo(PeerConfigSnapshot snapshot) {
        PhoneExclusions carried = new PhoneExclusions();
        for (Phone phone : snapshot.phones()) {
            Exclusion earlier = byExtension.get(phone.extension());
            if (earlier != null && earlier.inputs().equals(inputs(phone, snapshot))) {
                carried.byExtension.put(phone.extension(), earlier);
            }
        }
        return carried;
    }

    /** Extension → reason, for {@link io.dialfleet.agent.render.PeerConfigRenderer#render(PeerConfigSnapshot, SipStack, Map)}. */
    Map<String, String> reasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        byExtension.forEach((extension, exclusion) -> reasons.put(extension, exclusion.reason()));
        return reasons;
    }

    /**
     * The phones of {@code snapshot} (not yet excluded) that the failed objects belong to, with the reason, by
     * extension: a peer or endpoint by its section name, a dialplan entry by its number, a mailbox by its id.
     */
    Map<String, String> phonesOf(List<FailedObject> failed, PeerConfigSnapshot snapshot, SipStack stack) {
        Map<String, String> phones = new LinkedHashMap<>();
        for (FailedObject object : failed) {
            for (Phone phone : snapshot.phones()) {
                if (!byExtension.containsKey(phone.extension()) && owns(phone, object, stack)) {
                    phones.merge(phone.extension(), object.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " " + object.name() + ": " + object.reason(), (first, more) -> first + "; " + more);
                }
            }
        }
        return phones;
    }

    void add(Map<String, String> reasons, PeerConfigSnapshot snapshot) {
        for (Phone phone : snapshot.phones()) {
            String reason = reasons.get(phone.extension());
            if (reason != null) {
                byExtension.put(phone.extension(), new Exclusion("did not come up in Asterisk: " + reason,
                        inputs(phone, snapshot)));
            }
        }
    }

    private static boolean owns(Phone phone, FailedObject object, SipStack stack) {
        String protocol = phone.protocol() == null ? "" : phone.protocol().toUpperCase(Locale.ROOT);
        return switch (object.kind()) {
            case SIP_PEERS -> protocol.equals("SIP") && object.name().equals(phone.extension());
            case PJSIP_ENDPOINTS -> (protocol.equals("PJSIP") || (protocol.equals("SIP") && stack == SipStack.PJSIP))
                    && object.name().equals(phone.extension());
            case IAX2_PEERS -> protocol.equals("IAX2") && object.name().equals(phone.extension());
            case DIALPLAN_EXTENSIONS -> object.name().equals(phone.dialplanNumber());
            case VOICEMAIL_BOXES -> object.name().equals(phone.voicemailId());
        };
    }

    private static Inputs inputs(Phone phone, PeerConfigSnapshot snapshot) {
        String template = snapshot.templates() == null ? null : snapshot.templates().stream()
                .filter(candidate -> Objects.equals(candidate.templateId(), phone.templateId()))
                .map(PeerConfigSnapshot.Template::templateContents).findFirst().orElse(null);
        return new Inputs(phone, template, snapshot.server(), snapshot.defaultCodecs());
    }
}
