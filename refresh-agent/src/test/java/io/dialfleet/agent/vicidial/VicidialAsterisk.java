package io.dialfleet.agent.vicidial;

import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.CommandOutput;
import io.dialfleet.agent.asterisk.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in chan_sip Asterisk whose sip.conf includes both dialfleet's file and VICIdial's {@code sip-vicidial.conf}
 * (iax.conf likewise): a {@code module reload} loads dialfleet's file, and VICIdial's files are live as soon as they
 * are written, because VICIdial's own rebuild reloads them. Records every command and every peer that was loaded
 * from both renderers at once.
 */
final class VicidialAsterisk implements CommandRunner {

    static final String VICIDIAL_SIP = "sip-vicidial.conf";
    static final String VICIDIAL_IAX = "iax-vicidial.conf";

    private static final Pattern SECTION = Pattern.compile("(?m)^\\[([^\\]]+)\\]");
    private static final Pattern EXTEN = Pattern.compile("(?m)^exten\\s*=>\\s*([^,]+),");
    private static final Pattern MAILBOX = Pattern.compile("(?m)^([0-9A-Za-z]+)\\s*=>");

    private final Path confDir;
    private final List<String> commands = new ArrayList<>();
    private final Set<String> definedTwice = new TreeSet<>();
    private Set<String> dialfleetSip = Set.of();
    private Set<String> dialfleetIax = Set.of();
    private Set<String> dialfleetExtensions = Set.of();
    private Set<String> dialfleetMailboxes = Set.of();

    VicidialAsterisk(Path confDir) {
        this.confDir = confDir;
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    synchronized List<String> reloads() {
        return commands.stream().filter(command -> command.startsWith("module reload ")).toList();
    }

    /** Peers that Asterisk was given by dialfleet's and VICIdial's files at once. */
    synchronized Set<String> definedTwice() {
        return Set.copyOf(definedTwice);
    }

    @Override
    public synchronized CommandOutput run(AsteriskCommand command) {
        String text = command.text();
        commands.add(text);
        switch (text) {
            case "module reload chan_sip.so" -> dialfleetSip = sections("dialfleet-sip.conf");
            case "module reload chan_iax2.so" -> dialfleetIax = sections("dialfleet-iax.conf");
            case "module reload pbx_config.so" -> dialfleetExtensions = keys("dialfleet-extensions.conf", EXTEN);
            case "module reload app_voicemail.so" -> dialfleetMailboxes = keys("dialfleet-voicemail.conf", MAILBOX);
            case "dialplan show dialfleet-phones" -> {
                return new CommandOutput(dialplanShow(dialfleetExtensions));
            }
            case "voicemail show users" -> {
                return new CommandOutput(voicemailShowUsers(dialfleetMailboxes));
            }
            case "sip show peers" -> {
                return new CommandOutput(sipShowPeers(live(dialfleetSip, VICIDIAL_SIP)));
            }
            case "iax2 show peers" -> {
                return new CommandOutput(iax2ShowPeers(live(dialfleetIax, VICIDIAL_IAX)));
            }
            default -> {
                if (!text.startsWith("module reload ")) {
                    throw new IllegalArgumentException("the stand-in does not answer " + text);
                }
            }
        }
        String module = text.substring("module reload ".length());
        return new CommandOutput("Module '" + module + "' reloaded successfully.\n");
    }

    private Set<String> live(Set<String> dialfleet, String vicidialFile) {
        Set<String> vicidial = sections(vicidialFile);
        dialfleet.stream().filter(vicidial::contains).forEach(definedTwice::add);
        Set<String> live = new LinkedHashSet<>(dialfleet);
        live.addAll(vicidial);
        return live;
    }

    private Set<String> sections(String file) {
        return keys(file, SECTION);
    }

    private Set<String> keys(String file, Pattern pattern) {
        Path path = confDir.resolve(file);
        if (!Files.exists(path)) {
            return Set.of();
        }
        try {
            Set<String> names = new LinkedHashSet<>();
            Matcher section = pattern.matcher(Files.readString(path));
            while (section.find()) {
                names.add(section.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dialplanShow(Set<String> extensions) {
        StringBuilder out = new StringBuilder("[ Context 'dialfleet-phones' created by 'pbx_config' ]\n");
        extensions.forEach(extension -> out.append(String.format("  %-17s %-45s [%s:%d]\n", "'" + extension + "' =>",
                "1. Dial(SIP/" + extension + ")", "dialfleet-extensions.conf", 3)));
        return out.append(String.format("-= %d extensions (%d priorities) in 1 context. =-\n", extensions.size(),
                extensions.size())).toString();
    }

    private static String voicemailShowUsers(Set<String> mailboxes) {
        if (mailboxes.isEmpty()) {
            return "There are no voicemail users currently defined\n";
        }
        String format = "%-10s %-5s %-25s %-10s %6s\n";
        StringBuilder out = new StringBuilder(String.format(format, "Context", "Mbox", "User", "Zone", "NewMsg"));
        mailboxes.forEach(box -> out.append(String.format(format, "default", box, "Agent", "eastern", "0")));
        return out.append(mailboxes.size()).append(" voicemail users configured.\n").toString();
    }

    private static String sipShowPeers(Set<String> peers) {
        String format = "%-25.25s %-39.39s %-3.3s %-10.10s %-10.10s %-3.3s %-8s %-11s %-32.32s %s\n";
        StringBuilder out = new StringBuilder(String.format(format,
                "Name/username", "Host", "Dyn", "Forcerport", "Comedia", "ACL", "Port", "Status", "Description", ""));
        peers.forEach(name -> out.append(String.format(format, name + "/" + name, "(Unspecified)", "D", "Auto (No)",
                "No", "", "0", "Unmonitored", "", "")));
        return out.append(peers.size()).append(" sip peers [Monitored: 0 online, 0 offline Unmonitored: 0 online, ")
                .append(peers.size()).append(" offline]\n").toString();
    }

    private static String iax2ShowPeers(Set<String> peers) {
        String format = "%-15.15s  %-40.40s %s   %-40.40s  %-9s %s  %-11s %-32.32s\n";
        StringBuilder out = new StringBuilder(String.format(format,
                "Name/Username", "Host", "   ", "Mask", "Port", "   ", "Status", "Description"));
        peers.stream().sorted(Comparator.reverseOrder()).forEach(name -> out.append(String.format(format,
                name + "/" + name, "(null)", "(D)", "(null)", "0", "   ", "UNKNOWN", "")));
        return out.append(peers.size()).append(" iax2 peers [0 online, ").append(peers.size())
                .append(" offline, 0 unmonitored]\n").toString();
    }
}
