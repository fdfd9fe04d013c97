package io.dialfleet.agent.render;

import io.dialfleet.agent.render.PeerSafety.Rule;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import io.dialfleet.events.ServerRefreshCompleted.PeerCounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** One run of {@link PeerConfigRenderer}: the mutable state of a single render. The rules are documented there. */
final class Rendering {

    static final String PHONES_CONTEXT = "dialfleet-phones";

    /** conf-generation.md "Codecs": a phone list shorter than this falls back to the system's default_codecs. */
    private static final int MIN_CODECS_LIST = 3;
    /** conf-generation.md "Templates and overrides": an override counts when longer than 10 characters. */
    private static final int MIN_OVERRIDE = 11;
    private static final int MAX_HEADER_VALUE = 255;
    private static final String NO_TEMPLATE = "--NONE--";

    private static final List<Function<Phone, String>> TIE_BREAKERS = List.of(
            Phone::protocol, Phone::dialplanNumber, Phone::voicemailId, Phone::pass, Phone::confSecret,
            Phone::fullname, Phone::outboundCid, Phone::phoneContext, Phone::email, Phone::isWebphone,
            Phone::templateId, Phone::confOverride, Phone::codecsList, Phone::codecsWithTemplate,
            Phone::confQualify, Phone::voicemailTimezone, Phone::voicemailOptions, Phone::voicemailInstructions,
            Phone::unavailDialplanFwdExten, Phone::unavailDialplanFwdContext, Phone::deleteVmAfterEmail);

    /**
     * Extension lower-cased, then exact spelling, then every other field: a total order, so input order is moot. The
     * folded key is computed once per phone; folding inside the comparator cost a quarter of a 10,000-phone render.
     */
    private static final Comparator<SortKey> PHONE_ORDER = Comparator.comparing(SortKey::folded)
            .thenComparing(SortKey::extension)
            .thenComparing(SortKey::phone, Rendering::compareOtherFields);

    private record SortKey(String folded, String extension, Phone phone) {

        static SortKey of(Phone phone) {
            String extension = text(phone.extension());
            return new SortKey(extension.toLowerCase(Locale.ROOT), extension, phone);
        }
    }

    private enum Kind {
        IAX2, SIP, PJSIP
    }

    private record Candidate(Phone phone, int position, Kind kind) {
    }

    /** An exclusion with the phone's place in extension order, so the report lists them in that order. */
    private record Exclusion(int position, ExcludedPhone phone) {
    }

    private final PeerConfigSnapshot snapshot;
    private final SipStack stack;
    private final RequestedExclusions requested;
    private final String defaultCodecs;
    private final Map<String, Template> templatesById = new HashMap<>();
    private final Map<String, Template> templatesByFoldedId = new HashMap<>();
    private final Map<String, PreparedText> preparedTemplates = new HashMap<>();
    private final Map<String, List<Codec>> codecsByList = new HashMap<>();
    private final EnumMap<ConfFile, StringBuilder> out = new EnumMap<>(ConfFile.class);
    private final EnumMap<ConfFile, List<String>> sectionNames = new EnumMap<>(ConfFile.class);
    private final EnumMap<ConfFile, Set<String>> foldedSectionNames = new EnumMap<>(ConfFile.class);
    private final Map<String, String> dialplanOwners = new HashMap<>();
    private final Map<String, String> mailboxOwners = new HashMap<>();
    private final List<String> dialplanNumbers = new ArrayList<>();
    private final List<String> mailboxes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Exclusion> excluded = new ArrayList<>();
    private int headerLength;

    Rendering(PeerConfigSnapshot snapshot, SipStack stack, RequestedExclusions requested) {
        this.snapshot = snapshot;
        this.stack = stack;
        this.requested = requested;
        this.defaultCodecs = text(snapshot.defaultCodecs());
        indexTemplates(snapshot.templates() == null ? List.of() : snapshot.templates());
    }

    RenderedConfig run() {
        List<SortKey> keys = new ArrayList<>();
        for (Phone phone : snapshot.phones() == null ? List.<Phone>of() : snapshot.phones()) {
            if (phone != null) {
                keys.add(SortKey.of(phone));
            }
        }
        keys.sort(PHONE_ORDER);
        List<Phone> phones = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            phones.add(key.phone());
        }
        String header = header();
        List<Candidate> candidates = classify(phones);
        startFiles(header, candidates);

        for (Candidate candidate : candidates) {
            if (candidate.kind() == Kind.IAX2) {
                renderPhone(candidate);
            }
        }
        for (Candidate candidate : candidates) {
            if (candidate.kind() != Kind.IAX2) {
                renderPhone(candidate);
            }
        }
        return result();
    }

    // ---- files ----

    private String header() {
        PeerConfigSnapshot.Server server = snapshot.server();
        return "; Generated by dialfleet for server " + headerValue(server.serverId(), "server_id")
                + " (" + headerValue(server.serverIp(), "server_ip") + "). Do not edit: dialfleet overwrites this file.\n";
    }

    private String headerValue(String value, String field) {
        String text = text(value);
        if (text.length() > MAX_HEADER_VALUE || !PeerSafety.isSafeComment(text)) {
            warnings.add(field + " has a line break, NUL or over " + MAX_HEADER_VALUE
                    + " characters; the file headers show '?' instead");
            return "?";
        }
        return text;
    }

    /** Sizes each file for its phones (the 10,000-phone case must not grow buffers repeatedly). */
    private void startFiles(String header, List<Candidate> candidates) {
        headerLength = header.length();
        EnumMap<ConfFile, Integer> sections = new EnumMap<>(ConfFile.class);
        for (Candidate candidate : candidates) {
            sections.merge(targetFile(candidate.kind()), 1, Integer::sum);
        }
        for (ConfFile file : ConfFile.values()) {
            int bytes = switch (file) {
                case SIP, IAX -> 240 * sections.getOrDefault(file, 0);
                case PJSIP -> 560 * sections.getOrDefault(file, 0);
                case EXTENSIONS -> 140 * candidates.size();
                case VOICEMAIL -> 80 * candidates.size();
            };
            out.put(file, new StringBuilder(headerLength + 64 + bytes).append(header));
            sectionNames.put(file, new ArrayList<>());
            foldedSectionNames.put(file, new HashSet<>());
        }
        out.get(ConfFile.EXTENSIONS).append('\n').append('[').append(PHONES_CONTEXT).append("]\n");
    }

    private ConfFile targetFile(Kind kind) {
        return switch (kind) {
            case IAX2 -> ConfFile.IAX;
            case SIP -> stack.peerFile();
            case PJSIP -> ConfFile.PJSIP;
        };
    }

    private RenderedConfig result() {
        EnumMap<ConfFile, RenderedFile> files = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            files.put(file, new RenderedFile(file, out.get(file).toString().getBytes(StandardCharsets.UTF_8)));
        }
        PeerCounts peers = new PeerCounts(sectionNames.get(ConfFile.SIP).size(), sectionNames.get(ConfFile.IAX).size(),
                sectionNames.get(ConfFile.PJSIP).size());
        RenderedNames names = new RenderedNames(sectionNames.get(ConfFile.SIP), sectionNames.get(ConfFile.PJSIP),
                sectionNames.get(ConfFile.IAX), dialplanNumbers, mailboxes);
        excluded.sort(Comparator.comparingInt(Exclusion::position));
        List<ExcludedPhone> phones = excluded.stream().map(Exclusion::phone).toList();
        return new RenderedConfig(stack, files, warnings, phones, peers, names);
    }

    // ---- phones ----

    private List<Candidate> classify(List<Phone> phones) {
        List<Candidate> candidates = new ArrayList<>(phones.size());
        for (int i = 0; i < phones.size(); i++) {
            Phone phone = phones.get(i);
            switch (text(phone.protocol()).toUpperCase(Locale.ROOT)) {
                case "IAX2" -> candidates.add(new Candidate(phone, i + 1, Kind.IAX2));
                case "SIP" -> candidates.add(new Candidate(phone, i + 1, Kind.SIP));
                case "PJSIP" -> candidates.add(new Candidate(phone, i + 1, Kind.PJSIP));
                case "ZAP", "EXTERNAL" -> {
                    // conf-generation.md "Inputs": they produce nothing.
                }
                default -> exclude(phone, i + 1, text(phone.protocol()), "protocol is not SIP, IAX2 or PJSIP");
            }
        }
        return candidates;
    }

    private void renderPhone(Candidate candidate) {
        Phone phone = candidate.phone();
        String extension = text(phone.extension());
        String protocol = candidate.kind().name();
        if (!Rule.NAME.accepts(extension)) {
            exclude(phone, candidate.position(), protocol, Rule.NAME.complaint("extension"));
            return;
        }
        ConfFile file = targetFile(candidate.kind());
        String reason = requested.reasonFor(extension, file);
        if (reason != null) {
            exclude(phone, candidate.position(), protocol, reason);
            return;
        }
        String folded = extension.toLowerCase(Locale.ROOT);
        if (foldedSectionNames.get(file).contains(folded)) {
            exclude(phone, candidate.position(), protocol,
                    file.defaultName() + " already has a section of that name (compared ignoring case)");
            return;
        }

        StringBuilder peers = out.get(file);
        StringBuilder dialplan = out.get(ConfFile.EXTENSIONS);
        StringBuilder voicemail = out.get(ConfFile.VOICEMAIL);
        int peersMark = peers.length();
        int dialplanMark = dialplan.length();
        int voicemailMark = voicemail.length();

        PhoneWriter writer = new PhoneWriter(extension);
        boolean overrideOnly = writeSection(writer, phone, candidate.kind(), file, peers);
        if (!writer.failed()) {
            // peersMark is the LF before the section; the rules read the section Asterisk will read.
            PeerSection section = PeerSection.parse(extension, file, peers.subSequence(peersMark + 1, peers.length()),
                    overrideOnly);
            SectionRules.problems(section).forEach(writer::problem);
        }
        String dialTechnology = file == ConfFile.IAX ? "IAX2" : file == ConfFile.PJSIP ? "PJSIP" : "SIP";
        String dialplanNumber = writeDialplan(writer, phone, dialTechnology, dialplan);
        String mailbox = writeMailbox(writer, phone, voicemail);

        if (writer.failed()) {
            peers.setLength(peersMark);
            dialplan.setLength(dialplanMark);
            voicemail.setLength(voicemailMark);
            exclude(phone, candidate.position(), protocol, String.join("; ", writer.problems()));
            return;
        }
        sectionNames.get(file).add(extension);
        foldedSectionNames.get(file).add(folded);
        if (dialplanNumber != null) {
            dialplanOwners.put(dialplanNumber, extension);
            dialplanNumbers.add(dialplanNumber);
        }
        if (mailbox != null) {
            mailboxOwners.put(mailbox.toLowerCase(Locale.ROOT), extension);
            mailboxes.add(mailbox);
        }
        warnings.addAll(writer.notes());
    }

    /** Leaves the phone out of every file; the reason names fields, never values. */
    private void exclude(Phone phone, int position, String protocol, String reason) {
        excluded.add(new Exclusion(position, new ExcludedPhone(text(phone.extension()), protocol, reason)));
    }

    // ---- peer sections (conf-generation.md "chan_sip peer", "IAX2 peer", "PJSIP wizard section", "Templates") ----

    /** @return whether the section is the override alone (no template) */
    private boolean writeSection(PhoneWriter w, Phone phone, Kind kind, ConfFile file, StringBuilder b) {
        PreparedText template = template(w, phone);
        String overrideText = text(phone.confOverride());
        PreparedText override = overrideText.length() >= MIN_OVERRIDE ? PreparedText.of(overrideText) : null;

        b.append('\n').append('[').append(w.extension()).append("]\n");
        if (template == null) {
            if (override != null) {
                // VICIdial's behaviour: with no template, the override is the whole section.
                w.text(b, override, "conf_override");
            } else if (file == ConfFile.PJSIP) {
                wizard(w, phone, b);
            } else if (kind == Kind.IAX2) {
                iaxPeer(w, phone, b);
            } else {
                sipPeer(w, phone, b);
            }
            return override != null;
        }
        boolean codecsWithTemplate = "1".equals(text(phone.codecsWithTemplate()).strip());
        if (file == ConfFile.PJSIP) {
            wizardHead(w, phone, b);
            if (codecsWithTemplate) {
                wizardCodecs(phone, b);
            }
            if (template.problem() == null && !template.wizardOnly()) {
                // The wizard rejects other keys and, with them, the whole phone.
                w.problem("template_contents of its template has lines other than endpoint/... and aor/...");
            }
        } else {
            credentials(w, phone, b);
            if (kind == Kind.IAX2 && isYes(phone.confQualify())) {
                b.append("qualify=yes\n");
            }
            if (codecsWithTemplate) {
                codecs(phone, b);
            }
        }
        w.text(b, template, "template_contents of its template");
        if (override != null) {
            w.text(b, override, "conf_override");
        }
        return false;
    }

    private PreparedText template(PhoneWriter w, Phone phone) {
        String id = text(phone.templateId());
        if (id.isEmpty() || id.equalsIgnoreCase(NO_TEMPLATE)) {
            return null;
        }
        Template exact = templatesById.get(id);
        Template template = exact != null ? exact : templatesByFoldedId.get(id.toLowerCase(Locale.ROOT));
        if (template == null) {
            w.note("phone " + w.extension() + ": template_id names no template in the snapshot; written without one");
            return null;
        }
        return preparedTemplates.computeIfAbsent(template.templateId(),
                key -> PreparedText.of(text(template.templateContents())));
    }

    private void sipPeer(PhoneWriter w, Phone phone, StringBuilder b) {
        credentials(w, phone, b);
        w.entry(b, "context", phone.phoneContext(), "phone_context", Rule.VALUE);
        codecs(phone, b);
        b.append("type=friend\nhost=dynamic\n");
    }

    private void iaxPeer(PhoneWriter w, Phone phone, StringBuilder b) {
        credentials(w, phone, b);
        b.append("requirecalltoken=no\n");
        w.entry(b, "context", phone.phoneContext(), "phone_context", Rule.VALUE);
        codecs(phone, b);
        b.append("type=friend\nauth=md5\nhost=dynamic\n");
        if (isYes(phone.confQualify())) {
            b.append("qualify=yes\n");
        }
    }

    private void wizard(PhoneWriter w, Phone phone, StringBuilder b) {
        b.append("type=wizard\naccepts_auth=yes\naccepts_registrations=yes\n");
        b.append("inbound_auth/username=").append(w.extension()).append('\n');
        secret(w, phone, b, "inbound_auth/password");
        b.append("endpoint/accountcode=").append(w.extension()).append('\n');
        b.append("aor/max_contacts=1\naor/remove_existing=yes\naor/qualify_frequency=15\n");
        w.entry(b, "endpoint/context", phone.phoneContext(), "phone_context", Rule.VALUE);
        callerId(w, phone, b, "endpoint/callerid");
        mailbox(w, phone, b, "endpoint/mailboxes");
        wizardCodecs(phone, b);
        b.append("endpoint/dtmf_mode=rfc4733\nendpoint/direct_media=no\nendpoint/rtp_symmetric=yes\n")
                .append("endpoint/force_rport=yes\nendpoint/rewrite_contact=yes\n");
        String webphone = text(phone.isWebphone());
        if (webphone.equalsIgnoreCase("Y") || webphone.equalsIgnoreCase("Y_API_LAUNCH")) {
            b.append("endpoint/webrtc=yes\n");
        }
    }

    /** The lines a wizard section with a template always gets (the wizard ignores bare username/secret keys). */
    private void wizardHead(PhoneWriter w, Phone phone, StringBuilder b) {
        b.append("type=wizard\naccepts_auth=yes\naccepts_registrations=yes\n");
        b.append("inbound_auth/username=").append(w.extension()).append('\n');
        secret(w, phone, b, "inbound_auth/password");
        b.append("endpoint/accountcode=").append(w.extension()).append('\n');
        callerId(w, phone, b, "endpoint/callerid");
        mailbox(w, phone, b, "endpoint/mailboxes");
    }

    /** The first lines of every chan_sip and IAX2 peer, with or without template. */
    private void credentials(PhoneWriter w, Phone phone, StringBuilder b) {
        b.append("username=").append(w.extension()).append('\n');
        secret(w, phone, b, "secret");
        b.append("accountcode=").append(w.extension()).append('\n');
        callerId(w, phone, b, "callerid");
        mailbox(w, phone, b, "mailbox");
    }

    /** An empty secret is written as it is; {@link SecretRule} then refuses the section unless a later line sets one. */
    private void secret(PhoneWriter w, Phone phone, StringBuilder b, String key) {
        w.entry(b, key, phone.confSecret(), "conf_secret", Rule.VALUE);
    }

    private void callerId(PhoneWriter w, Phone phone, StringBuilder b, String key) {
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

    private void mailbox(PhoneWriter w, Phone phone, StringBuilder b, String key) {
        String mailbox = text(phone.voicemailId());
        if (!mailbox.isEmpty()) {
            b.append(key).append('=').append(w.checked(mailbox, "voicemail_id", Rule.MAILBOX)).append('\n');
        }
    }

    // ---- codecs (conf-generation.md "Codecs") ----

    private List<Codec> codecList(Phone phone) {
        String list = text(phone.codecsList());
        if (list.length() < MIN_CODECS_LIST) {
            list = defaultCodecs;
        }
        return codecsByList.computeIfAbsent(list, Codec::matching);
    }

    /** chan_sip and IAX2: nothing when the list names no codec. */
    private void codecs(Phone phone, StringBuilder b) {
        List<Codec> codecs = codecList(phone);
        if (codecs.isEmpty()) {
            return;
        }
        b.append("disallow=all\n");
        for (Codec codec : codecs) {
            b.append("allow=").append(codec.asteriskName()).append('\n');
        }
    }

    /** PJSIP: always {@code disallow=all}; gsm then ulaw when the list names no codec. */
    private void wizardCodecs(Phone phone, StringBuilder b) {
        List<Codec> codecs = codecList(phone);
        b.append("endpoint/disallow=all\n");
        if (codecs.isEmpty()) {
            b.append("endpoint/allow=gsm\nendpoint/allow=ulaw\n");
            return;
        }
        for (Codec codec : codecs) {
            b.append("endpoint/allow=").append(codec.asteriskName()).append('\n');
        }
    }

    // ---- dialplan and voicemail (conf-generation.md "Dialplan", "Voicemail") ----

    /** Writes the phone's three priorities; gives the dialplan number written, or null. */
    private String writeDialplan(PhoneWriter w, Phone phone, String technology, StringBuilder b) {
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
        String owner = dialplanOwners.get(number);
        if (owner != null) {
            // Asterisk keeps the first exten it reads and only warns about the rest.
            w.note("phone " + w.extension() + ": dialplan number " + number + " already belongs to phone " + owner
                    + "; its dialplan entry is not written");
            return null;
        }
        // Every part of these lines is a capped token (PeerSafety.MAX_TOKEN) or a number: no length check needed.
        String failover = failover(w, phone);
        b.append("exten => ").append(number).append(",1,Dial(").append(technology).append('/')
                .append(w.extension()).append(',').append(phone.phoneRingTimeout()).append(",)\n");
        b.append("exten => ").append(number).append(",2,").append(failover).append('\n');
        b.append("exten => ").append(number).append(",3,Hangup()\n");
        return number;
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

    /** Writes the phone's mailbox line; gives the mailbox written, or null. */
    private String writeMailbox(PhoneWriter w, Phone phone, StringBuilder b) {
        String mailbox = text(phone.voicemailId());
        if (mailbox.isEmpty()) {
            return null;
        }
        if (!Rule.MAILBOX.accepts(mailbox)) {
            w.problem(Rule.MAILBOX.complaint("voicemail_id"));
            return null;
        }
        String owner = mailboxOwners.get(mailbox.toLowerCase(Locale.ROOT));
        if (owner != null) {
            w.note("phone " + w.extension() + ": voicemail box " + mailbox + " already belongs to phone " + owner
                    + "; its mailbox line is not written");
            return null;
        }
        if (b.length() == headerLength) {
            b.append('\n');
        }
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

    // ---- helpers ----

    private void indexTemplates(List<Template> templates) {
        List<Template> sorted = new ArrayList<>(templates);
        sorted.removeIf(t -> t == null || t.templateId() == null);
        sorted.sort(Comparator.comparing(Template::templateId)
                .thenComparing(t -> text(t.templateContents())));
        for (Template template : sorted) {
            templatesById.putIfAbsent(template.templateId(), template);
            templatesByFoldedId.putIfAbsent(template.templateId().toLowerCase(Locale.ROOT), template);
        }
    }

    /** VICIdial's Y/N flags; the database stores them upper-case, the renderer accepts either case. */
    private static boolean isYes(String flag) {
        return "Y".equalsIgnoreCase(text(flag));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int compareOtherFields(Phone a, Phone b) {
        for (Function<Phone, String> field : TIE_BREAKERS) {
            int order = text(field.apply(a)).compareTo(text(field.apply(b)));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.phoneRingTimeout(), b.phoneRingTimeout());
    }
}
