package io.dialfleet.agent.asterisk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks, over AMI's structured actions, that every rendered phone works in Asterisk — not only that a name cut at a
 * column width shows up (docs/spec/asterisk-behaviour.md, "Recorded in December 2026"):
 * <ul>
 * <li>PJSIP: the endpoint under its full name; when the section accepts registrations, its aor exists with
 * {@code MaxContacts} above 0 (else REGISTER gets 404 or 403); when it accepts auth, its {@code <name>-iauth} exists
 * with the rendered username and password (Asterisk refuses an auth it cannot use and keeps the previous one). Three
 * list actions, whatever the number of phones.</li>
 * <li>chan_sip and IAX2: the peer under its full name ({@code SIPpeers}, {@code IAXpeerlist}); for each peer whose
 * section changed in this run, that it has a secret (a peer without one accepts anyone) and, for chan_sip, a codec
 * Asterisk knows ({@code SIPshowpeer}, {@code iax2 show peer}).</li>
 * <li>The dialplan context holds exactly the rendered extensions ({@code ShowDialPlan}); the rendered mailboxes of
 * context {@code default} exist ({@code VoicemailUsersList}).</li>
 * </ul>
 * Names removed since the previous apply must be gone. Secrets read from Asterisk are compared, never kept or logged.
 *
 * <p>One class of about 290 lines on purpose: each kind's check is a few lines reading one list action, and all of
 * them add to the one verdict of a run; split per kind, that verdict and the shared name and secret rules would be
 * spread over five classes.
 */
public final class AmiLiveStateVerifier implements LiveStateCheck {

    private static final Pattern SECTION_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String AUTH_SUFFIX = "-iauth";

    private final AmiClient ami;
    private final String dialplanContext;

    public AmiLiveStateVerifier(AmiClient ami) {
        this(ami, AsteriskCommand.DialplanShow.DIALFLEET_PHONES);
    }

    public AmiLiveStateVerifier(AmiClient ami, String dialplanContext) {
        this.ami = Objects.requireNonNull(ami, "ami");
        this.dialplanContext = AsteriskCommand.dialplanShow(dialplanContext).context();
    }

    @Override
    public Verification verify(ExpectedLiveState expected) {
        Findings findings = new Findings();
        for (Map.Entry<LiveKind, ExpectedNames> check : expected.checks().entrySet()) {
            LiveKind kind = check.getKey();
            try {
                switch (kind) {
                    case PJSIP_ENDPOINTS -> pjsip(check.getValue(), findings);
                    case SIP_PEERS -> sip(check.getValue(), findings);
                    case IAX2_PEERS -> iax2(check.getValue(), findings);
                    case DIALPLAN_EXTENSIONS -> dialplan(check.getValue(), findings);
                    case VOICEMAIL_BOXES -> voicemail(check.getValue(), findings);
                }
            } catch (AsteriskAccessException e) {
                throw e;
            } catch (AsteriskException e) {
                findings.other(kind.label() + ": could not read the live state: " + e.getMessage());
            }
        }
        return findings.verdict(expected);
    }

    private void pjsip(ExpectedNames expected, Findings findings) {
        LiveKind kind = LiveKind.PJSIP_ENDPOINTS;
        Map<String, AmiMessage> endpoints = list(AmiAction.pjsipShowEndpoints(), "No endpoints found");
        Map<String, AmiMessage> aors = list(AmiAction.pjsipShowAors(), "No AORs found");
        Map<String, AmiMessage> auths = list(AmiAction.pjsipShowAuths(), "No Auths found");
        for (String name : expected.present()) {
            AmiMessage endpoint = endpoints.get(name);
            if (endpoint == null) {
                findings.failed(kind, name, "no endpoint of that name after the reload (Asterisk did not take the"
                        + " section; its log says why)");
                continue;
            }
            Map<String, String> section = expected.section(name);
            if (yes(section.get("accepts_registrations"))) {
                AmiMessage aor = aors.get(name);
                if (aor == null || !listed(endpoint.header("Aor"), name)) {
                    findings.failed(kind, name, "the endpoint has no aor: REGISTER gets 404 (an aor/ line Asterisk"
                            + " refused?)");
                } else if (number(aor.header("MaxContacts")) <= 0) {
                    findings.failed(kind, name, "its aor has max_contacts 0: REGISTER gets 403 (aor/max_contacts"
                            + " missing?)");
                }
            }
            if (yes(section.get("accepts_auth"))) {
                String authName = name + AUTH_SUFFIX;
                AmiMessage auth = auths.get(authName);
                if (auth == null || !listed(endpoint.header("Auths"), authName)) {
                    findings.failed(kind, name, "its auth " + authName + " does not exist: Asterisk refused it (an"
                            + " empty password?), so REGISTER is refused or an earlier password still works");
                } else if (!section.getOrDefault("inbound_auth/username", name).equals(auth.header("Username"))) {
                    findings.failed(kind, name, "its auth has another username than the one rendered");
                } else if (section.containsKey("inbound_auth/password")
                        && !section.get("inbound_auth/password").equals(auth.header("Password"))) {
                    findings.failed(kind, name, "its auth has another password than the one rendered: Asterisk"
                            + " kept an earlier one");
                }
            }
        }
        removedStillLive(kind, expected, endpoints.keySet(), findings);
    }

    private void sip(ExpectedNames expected, Findings findings) {
        LiveKind kind = LiveKind.SIP_PEERS;
        Map<String, AmiMessage> peers = list(AmiAction.sipPeers(), null);
        for (String name : expected.present()) {
            if (!peers.containsKey(name)) {
                findings.failed(kind, name, "no chan_sip peer of that name after the reload (Asterisk dropped the"
                        + " section; its log says why)");
            } else if (expected.changed().contains(name) && SECTION_NAME.matcher(name).matches()) {
                AmiAnswer peer = ami.action(AmiAction.sipShowPeer(name));
                if (!peer.success()) {
                    findings.failed(kind, name, "SIPshowpeer: " + peer.message());
                } else if (!"Y".equalsIgnoreCase(peer.response().header("SecretExist"))
                        && !"Y".equalsIgnoreCase(peer.response().header("MD5SecretExist"))) {
                    findings.failed(kind, name, "the peer has no secret: it accepts REGISTER and INVITE without"
                            + " credentials");
                } else if ("(nothing)".equals(peer.response().header("Codecs"))) {
                    findings.failed(kind, name, "the peer has no codec Asterisk knows (Codecs: (nothing)): every"
                            + " call to it fails");
                }
            }
        }
        removedStillLive(kind, expected, peers.keySet(), findings);
    }

    private void iax2(ExpectedNames expected, Findings findings) {
        LiveKind kind = LiveKind.IAX2_PEERS;
        Map<String, AmiMessage> peers = list(AmiAction.iaxPeerList(), null);
        for (String name : expected.present()) {
            if (!peers.containsKey(name)) {
                findings.failed(kind, name, "no IAX2 peer of that name after the reload (Asterisk dropped the"
                        + " section; its log says why)");
            } else if (expected.changed().contains(name) && SECTION_NAME.matcher(name).matches()) {
                String shown = ami.run(AsteriskCommand.iaxPeerShow(name)).text();
                if (shown.lines().anyMatch(line -> line.strip().matches("Secret\\s*:\\s*<Not set>"))) {
                    findings.failed(kind, name, "the peer has no secret: it accepts any registration");
                } else if (shown.lines().noneMatch(line -> line.strip().matches("Secret\\s*:\\s*<Set>"))) {
                    findings.failed(kind, name, "iax2 show peer: " + firstLine(shown));
                }
            }
        }
        removedStillLive(kind, expected, peers.keySet(), findings);
    }

    private void dialplan(ExpectedNames expected, Findings findings) {
        LiveKind kind = LiveKind.DIALPLAN_EXTENSIONS;
        AmiAnswer answer = ami.action(AmiAction.showDialPlan(dialplanContext));
        Set<String> live = new LinkedHashSet<>();
        if (answer.success()) {
            for (AmiMessage event : answer.events()) {
                if (dialplanContext.equals(event.header("Context")) && event.header("Extension") != null) {
                    live.add(event.header("Extension"));
                }
            }
        } else if (!answer.message().startsWith("Did not find context")) {
            findings.other(kind.label() + ": ShowDialPlan answered " + answer.message());
            return;
        }
        for (String name : expected.present()) {
            if (!live.contains(name)) {
                findings.failed(kind, name, "no dialplan extension " + name + " in " + dialplanContext
                        + " after the reload");
            }
        }
        List<String> unexpected = live.stream().filter(name -> !expected.present().contains(name)).toList();
        if (!unexpected.isEmpty()) {
            findings.other(kind.label() + ": unexpected extensions in " + dialplanContext + ": "
                    + LiveStateVerifier.list(unexpected));
        }
    }

    private void voicemail(ExpectedNames expected, Findings findings) {
        LiveKind kind = LiveKind.VOICEMAIL_BOXES;
        AmiAnswer answer = ami.action(AmiAction.voicemailUsersList());
        if (!answer.success()) {
            findings.other(kind.label() + ": VoicemailUsersList answered " + answer.message());
            return;
        }
        Set<String> live = new LinkedHashSet<>();
        for (AmiMessage event : answer.events()) {
            if ("default".equals(event.header("VMContext")) && event.header("VoiceMailbox") != null) {
                live.add(event.header("VoiceMailbox"));
            }
        }
        for (String name : expected.present()) {
            if (!live.contains(name)) {
                findings.failed(kind, name, "no mailbox " + name + " in context default after the reload");
            }
        }
        removedStillLive(kind, expected, live, findings);
    }

    /** A list action's events by {@code ObjectName}; {@code noneText} is the error Asterisk gives for an empty list. */
    private Map<String, AmiMessage> list(AmiAction action, String noneText) {
        AmiAnswer answer = ami.action(action);
        Map<String, AmiMessage> objects = new LinkedHashMap<>();
        if (!answer.success()) {
            if (noneText != null && answer.message().startsWith(noneText)) {
                return objects;
            }
            throw new AsteriskException(action + " answered " + answer.message());
        }
        for (AmiMessage event : answer.events()) {
            String name = event.header("ObjectName");
            if (name != null) {
                objects.put(name, event);
            }
        }
        return objects;
    }

    private static void removedStillLive(LiveKind kind, ExpectedNames expected, Set<String> live, Findings findings) {
        List<String> stillLive = expected.removed().stream().filter(live::contains).toList();
        if (!stillLive.isEmpty()) {
            findings.other(kind.label() + ": removed " + kind.noun() + " still live: "
                    + LiveStateVerifier.list(stillLive));
        }
    }

    private static boolean yes(String value) {
        return value != null && (value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("y") || value.equals("1") || value.equalsIgnoreCase("on"));
    }

    /** Whether a comma-separated list of names ({@code Aor}, {@code Auths}) holds {@code name}. */
    private static boolean listed(String names, String name) {
        if (names == null) {
            return false;
        }
        for (String listed : names.split(",")) {
            if (listed.strip().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("(no answer)");
    }

    /** The problems found so far: per object, and otherwise. */
    private static final class Findings {
        private final List<Verification.FailedObject> failed = new ArrayList<>();
        private final List<String> other = new ArrayList<>();

        void failed(LiveKind kind, String name, String reason) {
            failed.add(new Verification.FailedObject(kind, name, reason));
        }

        void other(String problem) {
            other.add(problem);
        }

        Verification verdict(ExpectedLiveState expected) {
            List<String> problems = new ArrayList<>();
            for (LiveKind kind : LiveKind.values()) {
                List<Verification.FailedObject> ofKind = failed.stream().filter(f -> f.kind() == kind).toList();
                if (ofKind.isEmpty()) {
                    continue;
                }
                int rendered = expected.checks().get(kind).present().size();
                List<String> named = ofKind.stream().map(f -> f.name() + " (" + f.reason() + ")").toList();
                problems.add(kind.label() + ": " + ofKind.size() + " of " + rendered + " " + kind.noun()
                        + " not working: " + LiveStateVerifier.list(named));
            }
            problems.addAll(other);
            return new Verification(problems, failed, other);
        }
    }
}
