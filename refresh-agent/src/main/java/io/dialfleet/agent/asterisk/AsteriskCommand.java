package io.dialfleet.agent.asterisk;

import io.dialfleet.agent.render.ConfFile;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The closed set of CLI commands the agent may send to Asterisk, over AMI {@code Action: Command} or
 * {@code asterisk -rx} (docs/spec/conf-generation.md, "Safety": run only the allow-listed commands). There is no way to build
 * one from arbitrary text: reloads name the module of a {@link ConfFile}, the show commands are fixed, and the only
 * parameter (a dialplan context) is checked against the section-name pattern.
 */
public sealed interface AsteriskCommand
        permits AsteriskCommand.ModuleReload, AsteriskCommand.Show, AsteriskCommand.DialplanShow,
        AsteriskCommand.SipUnregister, AsteriskCommand.RegistrationDelete,
        AsteriskCommand.IaxPeerShow {

    /** The CLI text as Asterisk receives it. */
    String text();

    /** {@code module reload <module>} of the module that reads {@code file}. */
    static ModuleReload reload(ConfFile file) {
        return new ModuleReload(file);
    }

    /** {@code dialplan show <context>}. */
    static DialplanShow dialplanShow(String context) {
        return new DialplanShow(context);
    }

    /** {@code iax2 show peer <peer>}. */
    static IaxPeerShow iaxPeerShow(String peer) {
        return new IaxPeerShow(peer);
    }

    /**
     * {@code module reload <module>}: the only reload form used, because it takes Asterisk's global reload lock and
     * says so when busy, where {@code iax2 reload} and {@code dialplan reload} do not (docs/spec/conf-generation.md, "Files").
     */
    record ModuleReload(ConfFile file) implements AsteriskCommand {
        public ModuleReload {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String text() {
            return "module reload " + file.module();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * The fixed show commands the verifier reads, and the list of PJSIP contacts the registration clean-up reads
     * ({@code database show registrar/contact}: res_pjsip keeps its contacts in astdb, family {@code registrar},
     * keys {@code contact/<aor>;@<hash>}; AMI Command, {@code write=command}).
     */
    enum Show implements AsteriskCommand {
        SIP_PEERS("sip show peers"),
        PJSIP_ENDPOINTS("pjsip show endpoints"),
        IAX2_PEERS("iax2 show peers"),
        VOICEMAIL_USERS("voicemail show users"),
        PJSIP_CONTACTS_IN_ASTDB("database show registrar/contact");

        private final String text;

        Show(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code dialplan show <context>}; the context must be a section name ({@code [A-Za-z0-9_-]+}). */
    record DialplanShow(String context) implements AsteriskCommand {
        /** The context dialfleet writes its phones' extensions into. */
        public static final String DIALFLEET_PHONES = "dialfleet-phones";

        private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]+");

        public DialplanShow {
            if (context == null || !CONTEXT.matcher(context).matches()) {
                throw new IllegalArgumentException("not a dialplan context name: " + context);
            }
        }

        @Override
        public String text() {
            return "dialplan show " + context;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * {@code sip unregister <peer>}: chan_sip expires the peer's registration and deletes its {@code SIP/Registry}
     * entry in astdb (chan_sip.c, Asterisk 18), so a re-keyed peer's old device is no longer called. AMI Command,
     * {@code write=command}.
     */
    record SipUnregister(String peer) implements AsteriskCommand {
        private static final Pattern PEER = Pattern.compile("[A-Za-z0-9_-]+");

        public SipUnregister {
            if (peer == null || !PEER.matcher(peer).matches()) {
                throw new IllegalArgumentException("not a peer name: " + peer);
            }
        }

        @Override
        public String text() {
            return "sip unregister " + peer;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * {@code database del <family> <key>} for a registration left behind by a removed phone, so that a phone added
     * again under that name is not "registered" to the previous device: chan_sip's {@code SIP/Registry <peer>}
     * (re-read at every reload by a peer of that name) and res_pjsip's {@code registrar/contact <aor>;@<hash>}
     * (contacts outlive their aor). AMI Command, {@code write=command}. Only these two families, with keys checked.
     */
    record RegistrationDelete(Registry registry, String key) implements AsteriskCommand {
        public RegistrationDelete {
            if (registry == null || key == null || !registry.key.matcher(key).matches()) {
                throw new IllegalArgumentException("not a " + registry + " key: " + key);
            }
        }

        @Override
        public String text() {
            return "database del " + registry.family + " " + key;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** The astdb families that hold registrations. */
    enum Registry {
        SIP_REGISTRY("SIP/Registry", "[A-Za-z0-9_-]+"),
        PJSIP_CONTACT("registrar/contact", "[A-Za-z0-9_-]+;@[0-9A-Za-z]+");

        private final String family;
        private final Pattern key;

        Registry(String family, String key) {
            this.family = family;
            this.key = Pattern.compile(key);
        }
    }

    /**
     * {@code iax2 show peer <peer>}: the one place that says whether an IAX2 peer has a secret (AMI has no action for
     * it); the peer must be a section name ({@code [A-Za-z0-9_-]+}).
     */
    record IaxPeerShow(String peer) implements AsteriskCommand {
        private static final Pattern PEER = Pattern.compile("[A-Za-z0-9_-]+");

        public IaxPeerShow {
            if (peer == null || !PEER.matcher(peer).matches()) {
                throw new IllegalArgumentException("not a peer name: " + peer);
            }
        }

        @Override
        public String text() {
            return "iax2 show peer " + peer;
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
