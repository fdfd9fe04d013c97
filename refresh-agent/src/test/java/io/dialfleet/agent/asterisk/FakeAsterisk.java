package io.dialfleet.agent.asterisk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in Asterisk that reads the dialfleet files of a conf directory on {@code module reload X}, the way the
 * recorded Asterisk did (see {@link AsteriskConfParser}), keeps the resulting live state, and answers the show
 * commands from it in Asterisk's formats (docs/spec/asterisk-behaviour.md; headers as printed by Asterisk's source). It always
 * answers "reloaded successfully" for a module it has, however broken the file.
 *
 * <p>Scripted behaviours: the next N reloads are busy; the next N reloads answer success but keep the old state (as a
 * broken top-level file does, docs/spec/asterisk-behaviour.md case (c)); a module can be absent ({@code No such module}).
 */
public final class FakeAsterisk {

    static final String SIP_FILE = "dialfleet-sip.conf";
    static final String PJSIP_FILE = "dialfleet-pjsip.conf";
    static final String IAX_FILE = "dialfleet-iax.conf";
    static final String EXTENSIONS_FILE = "dialfleet-extensions.conf";
    static final String VOICEMAIL_FILE = "dialfleet-voicemail.conf";

    static final String BUSY = "A module reload request is already in progress; please be patient";

    /** What the CLI printed, and whether the command returned success (AMI says Response: Error when not). */
    record Answer(String text, boolean cliSuccess) {
    }

    /**
     * The answer to a non-Command AMI action, in the recorded forms (test resources asterisk/ami/): an error with its
     * message; one response with {@code headers}; or, for a list action, {@code events} of {@code eventName}.
     */
    record ActionAnswer(String error, Map<String, String> headers, String eventName, List<Map<String, String>> events) {
        static ActionAnswer error(String message) {
            return new ActionAnswer(message, Map.of(), null, null);
        }

        static ActionAnswer single(Map<String, String> headers) {
            return new ActionAnswer(null, headers, null, null);
        }

        static ActionAnswer list(String eventName, List<Map<String, String>> events) {
            return new ActionAnswer(null, Map.of(), eventName, events);
        }
    }

    /** The codec names chan_sip knows (a subset: enough for the stand-in's "Codecs: (nothing)"). */
    private static final Set<String> KNOWN_CODECS = Set.of("ulaw", "alaw", "gsm", "g722", "g723", "g726", "g729",
            "ilbc", "lpc10", "speex", "adpcm", "opus", "all");

    private record Priority(String app, int line) {
    }

    private record Mailbox(String context, String mailbox, String fullName, String zone) {
    }

    private static final Pattern CALLERID_NUMBER = Pattern.compile("<([^>]*)>");

    private final Path confDir;
    private final Set<String> modules = new HashSet<>(Set.of(
            "chan_sip.so", "res_pjsip.so", "chan_iax2.so", "pbx_config.so", "app_voicemail.so"));
    private final List<String> commands = new ArrayList<>();
    private final Set<String> operatorEndpoints = new TreeSet<>();
    private final TreeMap<String, String> astdb = new TreeMap<>();
    private int busyReloads;
    private int ineffectiveReloads;
    private int failingReloads;
    private String ineffectiveModule;

    private Map<String, String> sipPeers = Map.of();
    private Map<String, String> pjsipEndpoints = Map.of();
    private Map<String, String> iaxPeers = Map.of();
    private Map<String, AsteriskConfParser.Section> sipSections = Map.of();
    private Map<String, AsteriskConfParser.Section> pjsipSections = Map.of();
    private Map<String, AsteriskConfParser.Section> iaxSections = Map.of();
    private Map<String, Map<String, TreeMap<Integer, Priority>>> dialplan = Map.of();
    private List<Mailbox> mailboxes = List.of();

    public FakeAsterisk(Path confDir) {
        this.confDir = confDir;
    }

    /** Loads every module's file, as Asterisk does at start. */
    public synchronized FakeAsterisk boot() {
        for (String module : List.copyOf(modules)) {
            load(module);
        }
        return this;
    }

    /** The module is not loaded (like chan_sip in the recorded build): reloads say No such module. */
    public synchronized FakeAsterisk withoutModule(String module) {
        modules.remove(module);
        return this;
    }

    /** The next {@code count} module reloads answer "already in progress" and change nothing. */
    public synchronized void busyForNextReloads(int count) {
        busyReloads = count;
    }

    /** The next {@code count} module reloads answer success and keep the old state, as for a broken top-level file. */
    public synchronized void keepOldStateOnNextReloads(int count) {
        ineffectiveReloads = count;
    }

    /**
     * The next reload of {@code module} answers success and keeps the old state: a chan_sip reload still running in
     * its monitor thread when the agent looks.
     */
    public synchronized void keepOldStateOnNextReloadOf(String module) {
        ineffectiveModule = module;
    }

    /** The next {@code count} module reloads fail the way a module does that cannot load its configuration. */
    public synchronized void failNextReloads(int count) {
        failingReloads = count;
    }

    /** An endpoint of the operator's own pjsip.conf, always live. */
    /** A chan_sip peer's registration, as chan_sip keeps it in astdb. */
    public synchronized void registerSipPeer(String peer) {
        astdb.put("/SIP/Registry/" + peer, "127.0.0.1:46000:3600:" + peer + ":sip:" + peer + "@127.0.0.1:46000");
    }

    /** A contact of a PJSIP aor, as res_pjsip keeps it in astdb ({@code <aor>;@<hash of the uri>}). */
    public synchronized void registerPjsipContact(String aor) {
        astdb.put("/registrar/contact/" + aor + ";@" + Integer.toHexString(("sip:" + aor).hashCode()) + "e0f1",
                "{\"aor\":\"" + aor + "\",\"uri\":\"sip:" + aor + "@127.0.0.1:46000\"}");
    }

    /** The astdb keys left, e.g. {@code /SIP/Registry/cc101}. */
    public synchronized List<String> astdbKeys() {
        return List.copyOf(astdb.keySet());
    }

    public synchronized void addOperatorEndpoint(String name) {
        operatorEndpoints.add(name);
    }

    /** Every command received, in order. */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** The {@code module reload} commands received, in order. */
    public synchronized List<String> reloads() {
        return commands.stream().filter(c -> c.startsWith("module reload ")).toList();
    }

    synchronized Answer execute(String command) {
        commands.add(command);
        if (command.startsWith("module reload ")) {
            return reload(command.substring("module reload ".length()).strip());
        }
        if (command.startsWith("dialplan show ") && modules.contains("pbx_config.so")) {
            return dialplanShow(command.substring("dialplan show ".length()).strip());
        }
        if (command.equals("pjsip show endpoints") && modules.contains("res_pjsip.so")) {
            return pjsipShowEndpoints();
        }
        if (command.equals("sip show peers") && modules.contains("chan_sip.so")) {
            return sipShowPeers();
        }
        if (command.equals("iax2 show peers") && modules.contains("chan_iax2.so")) {
            return iax2ShowPeers();
        }
        if (command.equals("voicemail show users") && modules.contains("app_voicemail.so")) {
            return voicemailShowUsers();
        }
        if (command.startsWith("iax2 show peer ") && modules.contains("chan_iax2.so")) {
            return iax2ShowPeer(command.substring("iax2 show peer ".length()).strip());
        }
        if (command.startsWith("sip unregister ") && modules.contains("chan_sip.so")) {
            return sipUnregister(command.substring("sip unregister ".length()).strip());
        }
        if (command.startsWith("database del ")) {
            String[] args = command.substring("database del ".length()).strip().split(" ");
            return new Answer(astdb.remove("/" + args[0] + "/" + args[1]) != null ? "Database entry removed.\n"
                    : "Database entry does not exist.\n", true);
        }
        if (command.startsWith("database show ")) {
            String prefix = "/" + command.substring("database show ".length()).strip() + "/";
            StringBuilder out = new StringBuilder();
            int found = 0;
            for (Map.Entry<String, String> entry : astdb.entrySet()) {
                if (entry.getKey().startsWith(prefix)) {
                    out.append(String.format("%-50s: %-25s%n", entry.getKey(), entry.getValue()));
                    found++;
                }
            }
            return new Answer(out.append(found).append(" results found.\n").toString(), true);
        }
        return new Answer("No such command '" + command + "' (type 'core show help " + command
                + "' for other possible commands)\n", false);
    }

    /** As chan_sip.c's sip_unregister: expires the registration, which deletes its astdb entry. */
    private Answer sipUnregister(String peer) {
        if (!sipPeers.containsKey(peer)) {
            return new Answer("Peer unknown: '" + peer + "'. Not unregistered.\n", true);
        }
        if (astdb.remove("/SIP/Registry/" + peer) == null) {
            return new Answer("Peer " + peer + " not registered\n", true);
        }
        return new Answer("Unregistered peer '" + peer + "'\n\n", true);
    }

    private Answer reload(String module) {
        if (!modules.contains(module)) {
            return new Answer("No such module '" + module + "'\n", true);
        }
        if (busyReloads > 0) {
            busyReloads--;
            return new Answer(BUSY + "\n", true);
        }
        if (failingReloads > 0) {
            failingReloads--;
            return new Answer("The module '" + module + "' reported a reload failure\n", true);
        }
        if (ineffectiveReloads > 0) {
            ineffectiveReloads--;
        } else if (module.equals(ineffectiveModule)) {
            ineffectiveModule = null;
        } else {
            load(module);
        }
        return new Answer("Module '" + module + "' reloaded successfully.\n", true);
    }

    private void load(String module) {
        switch (module) {
            case "chan_sip.so" -> {
                sipPeers = peers(SIP_FILE);
                sipSections = sections(SIP_FILE);
            }
            case "chan_iax2.so" -> {
                iaxPeers = peers(IAX_FILE);
                iaxSections = sections(IAX_FILE);
            }
            case "res_pjsip.so" -> {
                pjsipEndpoints = wizardEndpoints();
                pjsipSections = sections(PJSIP_FILE);
            }
            case "pbx_config.so" -> dialplan = contexts();
            case "app_voicemail.so" -> mailboxes = mailboxes();
            default -> throw new IllegalArgumentException(module);
        }
    }

    /** name → username ("" when none), for chan_sip and chan_iax2. */
    private Map<String, String> peers(String file) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (AsteriskConfParser.Section section : AsteriskConfParser.parse(confDir.resolve(file), null)) {
            if (!section.name().equals("general")) {
                peers.put(section.name(), section.last("username"));
            }
        }
        return peers;
    }

    /** name → caller id number; the wizard ignores a section without type=wizard (docs/spec/conf-generation.md). */
    private Map<String, String> wizardEndpoints() {
        Map<String, String> endpoints = new TreeMap<>();
        for (AsteriskConfParser.Section section : AsteriskConfParser.parse(confDir.resolve(PJSIP_FILE), null)) {
            if (section.last("type").equals("wizard")) {
                Matcher number = CALLERID_NUMBER.matcher(section.last("endpoint/callerid"));
                endpoints.put(section.name(), number.find() ? number.group(1) : "");
            }
        }
        return endpoints;
    }

    /** context → extension → priority; the first {@code exten} read for a priority wins. */
    private Map<String, Map<String, TreeMap<Integer, Priority>>> contexts() {
        Map<String, Map<String, TreeMap<Integer, Priority>>> contexts = new LinkedHashMap<>();
        for (AsteriskConfParser.Section section
                : AsteriskConfParser.parse(confDir.resolve(EXTENSIONS_FILE), null)) {
            Map<String, TreeMap<Integer, Priority>> extensions =
                    contexts.computeIfAbsent(section.name(), name -> new LinkedHashMap<>());
            for (AsteriskConfParser.Entry entry : section.entries()) {
                String[] parts = entry.value().split(",", 3);
                if (!entry.key().equals("exten") || parts.length < 3) {
                    continue;
                }
                TreeMap<Integer, Priority> priorities = extensions.computeIfAbsent(parts[0], e -> new TreeMap<>());
                int priority = parts[1].equals("n")
                        ? (priorities.isEmpty() ? 1 : priorities.lastKey() + 1)
                        : Integer.parseInt(parts[1]);
                priorities.putIfAbsent(priority, new Priority(parts[2], entry.line()));
            }
        }
        return contexts;
    }

    /** The file is included under [default] in voicemail.conf. */
    private List<Mailbox> mailboxes() {
        List<Mailbox> boxes = new ArrayList<>();
        for (AsteriskConfParser.Section section
                : AsteriskConfParser.parse(confDir.resolve(VOICEMAIL_FILE), "default")) {
            for (AsteriskConfParser.Entry entry : section.entries()) {
                String[] fields = entry.value().split(",", -1);
                String zone = "";
                for (String option : fields[fields.length - 1].split("\\|")) {
                    if (option.startsWith("tz=")) {
                        zone = option.substring(3);
                    }
                }
                boxes.add(new Mailbox(section.name(), entry.key(), fields.length > 1 ? fields[1] : "", zone));
            }
        }
        return boxes;
    }

    private Answer pjsipShowEndpoints() {
        Map<String, String> live = new TreeMap<>(pjsipEndpoints);
        operatorEndpoints.forEach(name -> live.putIfAbsent(name, ""));
        if (live.isEmpty()) {
            return new Answer("No objects found.\n\n", true);
        }
        StringBuilder out = new StringBuilder("\n")
                .append(" Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>\n")
                .append("    I/OAuth:  <AuthId/UserName...........................................................>\n")
                .append("        Aor:  <Aor............................................>  <MaxContact>\n")
                .append("==========================================================================================\n\n");
        live.forEach((name, number) -> {
            String shown = number.isEmpty() ? name : name + "/" + number;
            out.append(String.format(" Endpoint:  %-51.51s  %-12.12s  %d of inf\n", shown, "Unavailable", 0))
                    .append(String.format("%11s:  %s-iauth/%s\n", "InAuth", name, name))
                    .append(String.format("%11s:  %-49s  %d\n", "Aor", name, 1))
                    .append("\n");
        });
        out.append("\nObjects found: ").append(live.size()).append('\n');
        return new Answer(out.toString(), true);
    }

    private Answer sipShowPeers() {
        String format = "%-25.25s %-39.39s %-3.3s %-10.10s %-10.10s %-3.3s %-8s %-11s %-32.32s %s\n";
        StringBuilder out = new StringBuilder(String.format(format,
                "Name/username", "Host", "Dyn", "Forcerport", "Comedia", "ACL", "Port", "Status", "Description", ""));
        sipPeers.forEach((name, user) -> out.append(String.format(format, shownPeer(name, user), "(Unspecified)",
                "D", "Auto (No)", "No", "", "0", "Unmonitored", "", "")));
        out.append(sipPeers.size()).append(" sip peers [Monitored: 0 online, 0 offline Unmonitored: 0 online, ")
                .append(sipPeers.size()).append(" offline]\n");
        return new Answer(out.toString(), true);
    }

    private Answer iax2ShowPeers() {
        String format = "%-15.15s  %-40.40s %s   %-40.40s  %-9s %s  %-11s %-32.32s\n";
        StringBuilder out = new StringBuilder(String.format(format,
                "Name/Username", "Host", "   ", "Mask", "Port", "   ", "Status", "Description"));
        // chan_iax2 lists its hash container; the recording showed the peers in reverse order.
        List<String> names = new ArrayList<>(iaxPeers.keySet());
        names.sort(Comparator.reverseOrder());
        for (String name : names) {
            out.append(String.format(format, shownPeer(name, iaxPeers.get(name)), "(null)", "(D)", "(null)", "0",
                    "   ", "UNKNOWN", ""));
        }
        out.append(names.size()).append(" iax2 peers [0 online, ").append(names.size())
                .append(" offline, 0 unmonitored]\n");
        return new Answer(out.toString(), true);
    }

    private Answer dialplanShow(String context) {
        Map<String, TreeMap<Integer, Priority>> extensions = dialplan.get(context);
        if (extensions == null) {
            return new Answer("There is no existence of '" + context + "' context\n", false);
        }
        StringBuilder out = new StringBuilder("[ Context '" + context + "' created by 'pbx_config' ]\n");
        int priorities = 0;
        for (Map.Entry<String, TreeMap<Integer, Priority>> extension : extensions.entrySet()) {
            String first = "'" + extension.getKey() + "' =>";
            for (Map.Entry<Integer, Priority> priority : extension.getValue().entrySet()) {
                out.append(String.format("  %-17s %-45s [%s:%d]\n", first,
                        priority.getKey() + ". " + priority.getValue().app(), EXTENSIONS_FILE,
                        priority.getValue().line()));
                first = "";
                priorities++;
            }
        }
        int count = extensions.size();
        out.append(String.format("-= %d %s (%d %s) in 1 context. =-\n", count, count == 1 ? "extension" : "extensions",
                priorities, priorities == 1 ? "priority" : "priorities"));
        return new Answer(out.toString(), true);
    }

    private Answer voicemailShowUsers() {
        if (mailboxes.isEmpty()) {
            return new Answer("There are no voicemail users currently defined\n", false);
        }
        String format = "%-10s %-5s %-25s %-10s %6s\n";
        StringBuilder out = new StringBuilder(String.format(format, "Context", "Mbox", "User", "Zone", "NewMsg"));
        mailboxes.forEach(box -> out.append(String.format(format, box.context(), box.mailbox(), box.fullName(),
                box.zone(), "0")));
        out.append(mailboxes.size()).append(" voicemail users configured.\n");
        return new Answer(out.toString(), true);
    }

    /**
     * The AMI actions the agent's verifier sends (AmiLiveStateVerifier), answered from the loaded state as the
     * recorded Asterisks answer them; an action of a module that is not loaded is unknown to AMI, as in Asterisk.
     */
    synchronized ActionAnswer action(String name, Map<String, String> parameters) {
        commands.add("Action: " + name);
        return switch (name) {
            case "SIPpeers" -> modules.contains("chan_sip.so") ? peerList("SIP", sipPeers.keySet()) : unknown(name);
            case "SIPshowpeer" -> modules.contains("chan_sip.so") ? sipShowPeer(parameters.get("Peer")) : unknown(name);
            case "IAXpeerlist" -> modules.contains("chan_iax2.so") ? peerList("IAX", iaxPeers.keySet())
                    : unknown(name);
            case "ShowDialPlan" -> modules.contains("pbx_config.so") ? showDialPlan(parameters.get("Context"))
                    : unknown(name);
            case "VoicemailUsersList" -> modules.contains("app_voicemail.so") ? voicemailUsersList() : unknown(name);
            case "PJSIPShowEndpoints", "PJSIPShowAors", "PJSIPShowAuths" -> modules.contains("res_pjsip.so")
                    ? pjsipList(name) : unknown(name);
            default -> unknown(name);
        };
    }

    private static ActionAnswer unknown(String name) {
        return ActionAnswer.error("Invalid/unknown command: " + name + ". Use Action: ListCommands to show available"
                + " commands.");
    }

    private static ActionAnswer peerList(String channelType, Set<String> names) {
        List<Map<String, String>> events = new ArrayList<>();
        for (String name : names) {
            events.add(Map.of("Channeltype", channelType, "ObjectName", name, "ChanObjectType", "peer"));
        }
        return ActionAnswer.list("PeerEntry", events);
    }

    private ActionAnswer sipShowPeer(String peer) {
        AsteriskConfParser.Section section = sipSections.get(peer);
        if (section == null || !sipPeers.containsKey(peer)) {
            return ActionAnswer.error("Peer " + peer + " not found.");
        }
        List<String> codecs = section.entries().stream().filter(entry -> entry.key().equals("allow"))
                .map(entry -> entry.value().toLowerCase(java.util.Locale.ROOT))
                .filter(KNOWN_CODECS::contains).filter(codec -> !codec.equals("all")).toList();
        boolean allowsSome = section.entries().stream().anyMatch(entry -> entry.key().equals("allow"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Channeltype", "SIP");
        headers.put("ObjectName", peer);
        headers.put("SecretExist", section.last("secret").isEmpty() ? "N" : "Y");
        headers.put("MD5SecretExist", section.last("md5secret").isEmpty() ? "N" : "Y");
        headers.put("Codecs", allowsSome && codecs.isEmpty() ? "(nothing)"
                : "(" + String.join("|", codecs.isEmpty() ? List.of("ulaw") : codecs) + ")");
        return ActionAnswer.single(headers);
    }

    private Answer iax2ShowPeer(String peer) {
        AsteriskConfParser.Section section = iaxSections.get(peer);
        if (section == null || !iaxPeers.containsKey(peer)) {
            return new Answer("Peer " + peer + " not found.\n", true);
        }
        return new Answer("\n\n  * Name       : " + peer + "\n  Description  : \n  Secret       : "
                + (section.last("secret").isEmpty() ? "<Not set>" : "<Set>") + "\n  Context      : "
                + section.last("context") + "\n", true);
    }

    private ActionAnswer showDialPlan(String context) {
        Map<String, TreeMap<Integer, Priority>> extensions = dialplan.get(context);
        if (extensions == null) {
            return ActionAnswer.error("Did not find context " + context);
        }
        List<Map<String, String>> events = new ArrayList<>();
        extensions.forEach((extension, priorities) -> priorities.forEach((priority, step) -> {
            int open = step.app().indexOf('(');
            events.add(Map.of("Context", context, "Extension", extension, "Priority", String.valueOf(priority),
                    "Application", open < 0 ? step.app() : step.app().substring(0, open),
                    "Registrar", "pbx_config"));
        }));
        return ActionAnswer.list("ListDialplan", events);
    }

    private ActionAnswer voicemailUsersList() {
        List<Map<String, String>> events = new ArrayList<>();
        for (Mailbox box : mailboxes) {
            events.add(Map.of("VMContext", box.context(), "VoiceMailbox", box.mailbox(), "Fullname", box.fullName()));
        }
        return ActionAnswer.list("VoicemailUserEntry", events);
    }

    /**
     * The wizard's objects: an endpoint per wizard section, its aor (with {@code aor/max_contacts}, else 0) and its
     * auth {@code <name>-iauth} only with a non-empty password, as the real Asterisk refuses an empty one.
     */
    private ActionAnswer pjsipList(String action) {
        List<Map<String, String>> events = new ArrayList<>();
        for (String name : new TreeSet<>(pjsipEndpoints.keySet())) {
            AsteriskConfParser.Section section = pjsipSections.get(name);
            boolean hasAuth = section != null && !section.last("inbound_auth/password").isEmpty();
            switch (action) {
                case "PJSIPShowEndpoints" -> events.add(Map.of("ObjectType", "endpoint", "ObjectName", name,
                        "Aor", name, "Auths", hasAuth ? name + "-iauth" : ""));
                case "PJSIPShowAors" -> events.add(Map.of("ObjectType", "aor", "ObjectName", name, "MaxContacts",
                        section == null || section.last("aor/max_contacts").isEmpty() ? "0"
                                : section.last("aor/max_contacts")));
                default -> {
                    if (hasAuth) {
                        events.add(Map.of("ObjectType", "auth", "ObjectName", name + "-iauth", "Username",
                                section.last("inbound_auth/username"), "Password",
                                section.last("inbound_auth/password")));
                    }
                }
            }
        }
        for (String name : operatorEndpoints) {
            if (action.equals("PJSIPShowEndpoints") && !pjsipEndpoints.containsKey(name)) {
                events.add(Map.of("ObjectType", "endpoint", "ObjectName", name, "Aor", "", "Auths", ""));
            }
        }
        if (events.isEmpty()) {
            return ActionAnswer.error(switch (action) {
                case "PJSIPShowEndpoints" -> "No endpoints found";
                case "PJSIPShowAors" -> "No AORs found";
                default -> "No Auths found";
            });
        }
        return ActionAnswer.list(switch (action) {
            case "PJSIPShowEndpoints" -> "EndpointList";
            case "PJSIPShowAors" -> "AorList";
            default -> "AuthList";
        }, events);
    }

    private Map<String, AsteriskConfParser.Section> sections(String file) {
        Map<String, AsteriskConfParser.Section> sections = new LinkedHashMap<>();
        for (AsteriskConfParser.Section section : AsteriskConfParser.parse(confDir.resolve(file), null)) {
            sections.putIfAbsent(section.name(), section);
        }
        return sections;
    }

    private static String shownPeer(String name, String username) {
        return username.isEmpty() ? name : name + "/" + username;
    }
}
