package io.dialfleet.agent.render;

/**
 * A PJSIP phone must be reachable: either it registers — {@code accepts_registrations} true and an
 * {@code aor/max_contacts} of at least 1 (the wizard's aor defaults to {@code max_contacts 0}, and REGISTER then gets
 * 403 {@code AOR 'X' has no configured max_contacts}, with no error at reload) — or it has {@code remote_hosts}.
 * Without a template the renderer writes {@code aor/max_contacts=1} itself; a template or an override-only section
 * must bring it.
 */
final class WizardRegistrationRule implements SectionRule {

    @Override
    public String problem(PeerSection section) {
        if (section.file() != ConfFile.PJSIP) {
            return null;
        }
        if (!PeerSection.isTrue(section.last("accepts_registrations"))) {
            String remoteHosts = section.last("remote_hosts");
            return remoteHosts != null && !remoteHosts.isEmpty() ? null
                    : "neither accepts_registrations=yes nor remote_hosts: the phone can never be reached";
        }
        String maxContacts = section.lastOf("aor/", "max_contacts");
        if (maxContacts == null) {
            return "no aor/max_contacts (a template or override must set it, e.g. aor/max_contacts=1): Asterisk answers"
                    + " every REGISTER with 403";
        }
        // A value Asterisk refuses is reported by AorValueRule; here only a valid 0 is left to catch.
        return AsteriskNumbers.parseUint32(maxContacts) == 0
                ? "aor/max_contacts is 0: Asterisk answers every REGISTER with 403" : null;
    }
}
