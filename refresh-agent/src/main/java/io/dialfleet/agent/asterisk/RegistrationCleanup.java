package io.dialfleet.agent.asterisk;

import io.dialfleet.agent.render.ConfFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the registrations of deleted and re-keyed phones once their change is live, so that an extension added
 * again never rings the previous device and an old password's registration does not live on until it expires
 * (docs/spec/asterisk-behaviour.md, "Registrations outlive deletes"):
 * <ul>
 * <li>chan_sip: {@code sip unregister <peer>} for a peer whose secret changed (it still exists), and
 * {@code database del SIP/Registry <peer>} for a removed one (gone from chan_sip, but its astdb entry would register
 * a new peer of that name to the old device at once);</li>
 * <li>PJSIP: the contacts of those aors, from {@code database show registrar/contact}, each deleted with
 * {@code database del registrar/contact <aor>;@<hash>} (res_pjsip reads its contacts from astdb). This does not
 * reach res_pjsip's qualify: for an aor that stays (a re-keyed phone) it keeps OPTIONS-ing the old device until a
 * restart, as seen on the real Asterisk; no CLI or AMI command deletes a contact the way the registrar does.</li>
 * </ul>
 * A failure here does not undo the change: it comes back as a warning, and the registration expires on its own.
 */
public final class RegistrationCleanup {

    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)\\]");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("secret", "md5secret", "inbound_auth/username",
            "inbound_auth/password", "inbound_auth/md5_cred");
    private static final Pattern CONTACT_KEY = Pattern.compile("^/registrar/contact/(([^;\\s]+);@[0-9A-Za-z]+)\\s*:",
            Pattern.MULTILINE);

    private final CommandRunner runner;

    public RegistrationCleanup(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * The phones of one peer file whose registrations must go.
     *
     * @param file    {@link ConfFile#SIP} or {@link ConfFile#PJSIP}
     * @param removed sections of the previous file that the new one no longer has
     * @param rekeyed sections in both whose credentials changed
     */
    public record Plan(ConfFile file, Set<String> removed, Set<String> rekeyed) {

        public static final Plan NONE = new Plan(ConfFile.SIP, Set.of(), Set.of());

        public Plan {
            removed = Set.copyOf(removed);
            rekeyed = Set.copyOf(rekeyed);
        }

        public boolean isEmpty() {
            return removed.isEmpty() && rekeyed.isEmpty();
        }
    }

    /** Compares the previous and the new text of a peer file: which sections went, which got other credentials. */
    public static Plan plan(ConfFile file, String before, String after) {
        Map<String, String> old = credentials(before);
        Map<String, String> now = credentials(after);
        Set<String> removed = new TreeSet<>();
        Set<String> rekeyed = new TreeSet<>();
        old.forEach((name, credential) -> {
            if (!now.containsKey(name)) {
                removed.add(name);
            } else if (!now.get(name).equals(credential)) {
                rekeyed.add(name);
            }
        });
        return new Plan(file, removed, rekeyed);
    }

    /** Runs the plan's commands; returns warnings (names and counts, never secrets), empty when all went well. */
    public List<String> apply(Plan plan) {
        if (plan.isEmpty()) {
            return List.of();
        }
        try {
            if (plan.file() == ConfFile.SIP) {
                for (String peer : plan.rekeyed()) {
                    runner.run(new AsteriskCommand.SipUnregister(peer));
                }
                for (String peer : plan.removed()) {
                    runner.run(new AsteriskCommand.RegistrationDelete(AsteriskCommand.Registry.SIP_REGISTRY, peer));
                }
            } else {
                Set<String> aors = new TreeSet<>(plan.removed());
                aors.addAll(plan.rekeyed());
                String contacts = runner.run(AsteriskCommand.Show.PJSIP_CONTACTS_IN_ASTDB).text();
                Matcher contact = CONTACT_KEY.matcher(contacts);
                while (contact.find()) {
                    if (aors.contains(contact.group(2))) {
                        runner.run(new AsteriskCommand.RegistrationDelete(AsteriskCommand.Registry.PJSIP_CONTACT,
                                contact.group(1)));
                    }
                }
            }
            return List.of();
        } catch (AsteriskException e) {
            return List.of("registrations of " + (plan.removed().size() + plan.rekeyed().size())
                    + " removed or re-keyed phones were not all removed (they expire on their own): " + e.getMessage());
        }
    }

    /** Each section's credential lines, in order; sections without any map to an empty string. */
    private static Map<String, String> credentials(String text) {
        Map<String, String> sections = new HashMap<>();
        String current = null;
        List<String> lines = new ArrayList<>();
        for (String line : (text + "\n[").split("\n")) {
            Matcher section = SECTION.matcher(line);
            if (section.find() || line.equals("[")) {
                if (current != null) {
                    sections.put(current, String.join("\n", lines));
                }
                current = line.equals("[") ? null : section.group(1);
                lines.clear();
                continue;
            }
            int equals = line.indexOf('=');
            if (current != null && equals > 0 && CREDENTIAL_KEYS.contains(line.substring(0, equals).strip())) {
                lines.add(line.strip());
            }
        }
        return sections;
    }
}
