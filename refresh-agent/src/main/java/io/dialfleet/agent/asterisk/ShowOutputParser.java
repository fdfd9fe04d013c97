package io.dialfleet.agent.asterisk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the names out of the show commands' text (docs/spec/asterisk-behaviour.md, "Show-command output"; headers and empty
 * answers as printed by Asterisk's source). Every answer must end with the summary line Asterisk prints, and the
 * rows read must add up to the count it states: anything else is reported as unreadable rather than read as "no
 * names", so a changed format or an error text can never pass for an empty live state.
 */
final class ShowOutputParser {

    private static final Pattern ENDPOINT_ROW = Pattern.compile("^\\s*Endpoint:\\s+(\\S+)");
    private static final Pattern OBJECTS_FOUND = Pattern.compile("^Objects found: (\\d+)$");
    private static final String NO_OBJECTS = "No objects found.";

    private static final Pattern PEERS_HEADER = Pattern.compile("^Name/username\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIP_SUMMARY = Pattern.compile("^(\\d+) sip peers \\[");
    private static final Pattern IAX2_SUMMARY = Pattern.compile("^(\\d+) iax2 peers \\[");

    private static final Pattern EXTENSION_ROW = Pattern.compile("^\\s*'([^']*)' =>");
    private static final Pattern DIALPLAN_SUMMARY = Pattern.compile("^-= (\\d+) extensions? \\(");

    private static final Pattern VOICEMAIL_HEADER = Pattern.compile("^Context\\s+Mbox\\s+User\\b");
    private static final Pattern VOICEMAIL_SUMMARY = Pattern.compile("^(\\d+) voicemail users configured\\.$");
    private static final String NO_VOICEMAIL_USERS = "There are no voicemail users currently defined";
    private static final String VOICEMAIL_CONTEXT = "default";

    private static final int QUOTED_ANSWER_LENGTH = 200;

    private ShowOutputParser() {
    }

    /** The names a show command listed (for peers and endpoints: the part before {@code /}). */
    record ShownNames(LinkedHashSet<String> names, String problem) {

        static ShownNames of(List<String> names) {
            return new ShownNames(new LinkedHashSet<>(names), null);
        }

        static ShownNames unreadable(String problem) {
            return new ShownNames(new LinkedHashSet<>(), problem);
        }

        boolean readable() {
            return problem == null;
        }
    }

    static ShownNames parse(LiveKind kind, AsteriskCommand command, String text, String dialplanContext) {
        List<String> lines = text.lines().map(ShowOutputParser::stripTrailing).toList();
        ShownNames shown = switch (kind) {
            case PJSIP_ENDPOINTS -> pjsipEndpoints(lines);
            case SIP_PEERS -> peerTable(lines, SIP_SUMMARY);
            case IAX2_PEERS -> peerTable(lines, IAX2_SUMMARY);
            case DIALPLAN_EXTENSIONS -> dialplan(lines, dialplanContext);
            case VOICEMAIL_BOXES -> voicemail(lines);
        };
        if (shown == null) {
            return ShownNames.unreadable("unexpected answer to '" + command.text() + "': " + firstLine(lines));
        }
        return shown;
    }

    /** {@code Endpoint:  <name>[/<callerid>]  <state>  …} rows, {@code Objects found: N}; or "No objects found." */
    private static ShownNames pjsipEndpoints(List<String> lines) {
        if (lines.stream().anyMatch(line -> line.strip().equals(NO_OBJECTS))) {
            return ShownNames.of(List.of());
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher row = ENDPOINT_ROW.matcher(line);
            // The header row is " Endpoint:  <Endpoint/CID.....>".
            if (row.find() && !row.group(1).startsWith("<")) {
                names.add(beforeSlash(row.group(1)));
            }
            Matcher summary = OBJECTS_FOUND.matcher(line.strip());
            if (summary.matches()) {
                return counted(names, summary.group(1), "endpoints");
            }
        }
        return null;
    }

    /** sip and iax2: optional {@code Name/username  Host …} header, {@code <name>[/<user>]  …} rows, summary. */
    private static ShownNames peerTable(List<String> lines, Pattern summaryLine) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher summary = summaryLine.matcher(line);
            if (summary.find()) {
                return counted(names, summary.group(1), "peers");
            }
            if (!line.isBlank() && !PEERS_HEADER.matcher(line).find()) {
                names.add(beforeSlash(line.strip().split("\\s+", 2)[0]));
            }
        }
        return null;
    }

    /** {@code   '<exten>' =>  1. …} rows, {@code -= N extensions (…)}; or the context does not exist. */
    private static ShownNames dialplan(List<String> lines, String context) {
        String noContext = "There is no existence of '" + context + "' context";
        if (lines.stream().anyMatch(line -> line.strip().equals(noContext))) {
            return ShownNames.of(List.of());
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher row = EXTENSION_ROW.matcher(line);
            if (row.find()) {
                names.add(row.group(1));
            }
            Matcher summary = DIALPLAN_SUMMARY.matcher(line.strip());
            if (summary.find()) {
                return counted(names, summary.group(1), "extensions");
            }
        }
        return null;
    }

    /** {@code Context  Mbox  User  Zone  NewMsg} header, rows, {@code N voicemail users configured.}; or none. */
    private static ShownNames voicemail(List<String> lines) {
        if (lines.stream().anyMatch(line -> line.strip().equals(NO_VOICEMAIL_USERS))) {
            return ShownNames.of(List.of());
        }
        List<String> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher summary = VOICEMAIL_SUMMARY.matcher(line.strip());
            if (summary.matches()) {
                ShownNames counted = counted(rows, summary.group(1), "mailboxes");
                return counted.readable() ? ShownNames.of(names) : counted;
            }
            if (line.isBlank() || VOICEMAIL_HEADER.matcher(line).find()) {
                continue;
            }
            String[] columns = line.strip().split("\\s+");
            if (columns.length < 2) {
                return ShownNames.unreadable("unreadable voicemail row: " + line.strip());
            }
            rows.add(columns[1]);
            if (columns[0].equals(VOICEMAIL_CONTEXT)) {
                names.add(columns[1]);
            }
        }
        return null;
    }

    private static ShownNames counted(List<String> names, String stated, String noun) {
        int count = Integer.parseInt(stated);
        if (count != names.size()) {
            return ShownNames.unreadable("read " + names.size() + " " + noun + " but Asterisk counted " + count);
        }
        return ShownNames.of(names);
    }

    /** Section names cannot contain {@code /}; what follows it is the username or caller id. */
    private static String beforeSlash(String token) {
        int slash = token.indexOf('/');
        return slash < 0 ? token : token.substring(0, slash);
    }

    private static String firstLine(List<String> lines) {
        String first = lines.stream().filter(line -> !line.isBlank()).findFirst().orElse("(empty)").strip();
        return first.length() > QUOTED_ANSWER_LENGTH ? first.substring(0, QUOTED_ANSWER_LENGTH) + "…" : first;
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }
}
