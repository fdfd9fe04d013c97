package io.dialfleet.agent.asterisk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The closed set of CLI commands the agent may send to Asterisk, over AMI {@code Action: Command} or
 * {@code asterisk -rx} (conf-generation.md, "Safety": run only the allow-listed commands). There is no way to build
 * one from arbitrary text: reloads name an {@link AsteriskModule}, the show commands are fixed, and the only
 * parameter (a dialplan context) is checked against the section-name pattern.
 */
public sealed interface AsteriskCommand
        permits AsteriskCommand.ModuleReload, AsteriskCommand.Show, AsteriskCommand.DialplanShow,
        AsteriskCommand.IaxPeerShow {

    /** The CLI text as Asterisk receives it. */
    String text();

    /** {@code module reload <module>}. */
    static ModuleReload reload(AsteriskModule module) {
        return new ModuleReload(module);
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
     * says so when busy, where {@code iax2 reload} and {@code dialplan reload} do not (conf-generation.md, "Files").
     */
    record ModuleReload(AsteriskModule module) implements AsteriskCommand {
        public ModuleReload {
            Objects.requireNonNull(module, "module");
        }

        @Override
        public String text() {
            return "module reload " + module.soName();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** The fixed show commands the verifier reads. */
    enum Show implements AsteriskCommand {
        SIP_PEERS("sip show peers"),
        PJSIP_ENDPOINTS("pjsip show endpoints"),
        IAX2_PEERS("iax2 show peers"),
        VOICEMAIL_USERS("voicemail show users");

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
