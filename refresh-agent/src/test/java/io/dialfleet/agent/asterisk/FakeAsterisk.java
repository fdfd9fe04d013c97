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
 * commands from it in Asterisk's formats (asterisk-behaviour.md; headers as printed by Asterisk's source). It always
 * answers "reloaded successfully" for a module it has, however broken the file.
 *
 * <p>Scripted behaviours: the next N reloads are busy; the next N reloads answer success but keep the old state (as a
 * broken top-level file does, asterisk-behaviour.md case (c)); a module can be absent ({@code No such module}).
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
    private int busyReloads;
    private int ineffectiveReloads;
    private int failingReloads;
    private String ineffectiveModule;

    private Map<String, String> sipPeers = Map.of();
    private Map<String, String> pjsipEndpoints = Map.of();
    private Map<String, String> iaxPeers = Map.of();
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
        return new Answer("No such command '" + command + "' (type 'core show help " + command
                + "' for other possible commands)\n", false);
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
            case "chan_sip.so" -> sipPeers = peers(SIP_FILE);
            case "chan_iax2.so" -> iaxPeers = peers(IAX_FILE);
            case "res_pjsip.so" -> pjsipEndpoints = wizardEndpoints();
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

    /** name → caller id number; the wizard ignores a section without type=wizard (conf-generation.md). */
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

    private static String shownPeer(String name, String username) {
        return username.isEmpty() ? name : name + "/" + username;
    }
}
