package io.dialfleet.agent.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The closed set of read-only AMI actions the verifier sends (docs/operations.md, "The AMI account"). Unlike the CLI
 * tables, they give every object's full name and its fields, one {@code key: value} per line. The only parameters
 * are section and context names, checked against {@code [A-Za-z0-9_-]+}, so no value can add a header.
 */
public final class AmiAction {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final String parameterKey;
    private final String parameterValue;
    private final String permission;

    private AmiAction(String name, String parameterKey, String parameterValue, String permission) {
        this.name = name;
        this.parameterKey = parameterKey;
        this.parameterValue = parameterValue;
        this.permission = permission;
        if (parameterValue != null && !NAME.matcher(parameterValue).matches()) {
            throw new IllegalArgumentException("not a section or context name: " + parameterValue);
        }
    }

    /** chan_sip peers, {@code PeerEntry} events. */
    public static AmiAction sipPeers() {
        return new AmiAction("SIPpeers", null, null, "reporting");
    }

    /** One chan_sip peer's fields ({@code SecretExist}, {@code Codecs}, …). */
    public static AmiAction sipShowPeer(String peer) {
        return new AmiAction("SIPshowpeer", "Peer", Objects.requireNonNull(peer), "reporting");
    }

    /** IAX2 peers, {@code PeerEntry} events. */
    public static AmiAction iaxPeerList() {
        return new AmiAction("IAXpeerlist", null, null, "reporting");
    }

    /** Mailboxes, {@code VoicemailUserEntry} events. */
    public static AmiAction voicemailUsersList() {
        return new AmiAction("VoicemailUsersList", null, null, "reporting");
    }

    /** One context's priorities, {@code ListDialplan} events. */
    public static AmiAction showDialPlan(String context) {
        return new AmiAction("ShowDialPlan", "Context", Objects.requireNonNull(context), "reporting");
    }

    /** PJSIP endpoints with their {@code Aor} and {@code Auths}, {@code EndpointList} events. */
    public static AmiAction pjsipShowEndpoints() {
        return new AmiAction("PJSIPShowEndpoints", null, null, "system");
    }

    /** PJSIP AORs with {@code MaxContacts}, {@code AorList} events. */
    public static AmiAction pjsipShowAors() {
        return new AmiAction("PJSIPShowAors", null, null, "system");
    }

    /** PJSIP auths with {@code Username} and {@code Password}, {@code AuthList} events. */
    public static AmiAction pjsipShowAuths() {
        return new AmiAction("PJSIPShowAuths", null, null, "system");
    }

    /** The action's name, e.g. {@code SIPpeers}. */
    public String name() {
        return name;
    }

    /**
     * The {@code write=} class of manager.conf that allows it (manager.c lets an account run an action when it holds
     * any one of the action's classes; these are the narrowest ones, from each action's registration).
     */
    public String permission() {
        return permission;
    }

    /** The header lines after {@code Action} and {@code ActionID}. */
    List<String> parameterLines() {
        List<String> lines = new ArrayList<>();
        if (parameterKey != null) {
            lines.add(parameterKey + ": " + parameterValue);
        }
        return lines;
    }

    @Override
    public String toString() {
        return parameterKey == null ? "Action: " + name : "Action: " + name + " (" + parameterKey + ": "
                + parameterValue + ")";
    }
}
