package io.dialfleet.agent.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a conf file the way Asterisk's config.c does for an {@code #include}d file (docs/spec/asterisk-behaviour.md,
 * "A broken file"): a line without {@code =} is skipped; an unterminated section header {@code [cc199} stops the
 * parse, keeping what came before it; {@code ;} starts a comment unless escaped.
 */
final class AsteriskConfParser {

    record Entry(String key, String value, int line) {
    }

    record Section(String name, List<Entry> entries) {

        /** The last value of {@code key} (a later line wins for scalar options), or "" when absent. */
        String last(String key) {
            String value = "";
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    value = entry.value();
                }
            }
            return value;
        }
    }

    private AsteriskConfParser() {
    }

    /**
     * The sections of {@code file}; lines before any header belong to {@code initialSection} (the section the file
     * is included under, e.g. {@code default} for the voicemail file), or are dropped when it is null. A missing
     * file has no sections.
     */
    static List<Section> parse(Path file, String initialSection) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Section> sections = new ArrayList<>();
        Section current = initialSection == null ? null : new Section(initialSection, new ArrayList<>());
        if (current != null) {
            sections.add(current);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = withoutComment(lines.get(i)).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    // "parse error: no closing ']'": the rest of the included file is lost.
                    break;
                }
                current = new Section(line.substring(1, close), new ArrayList<>());
                sections.add(current);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0 || current == null) {
                continue; // "No '=' (equal sign) in line N": skipped, everything else applies
            }
            String value = line.substring(equals + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            current.entries().add(new Entry(line.substring(0, equals).strip(), value.strip(), i + 1));
        }
        return sections;
    }

    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
