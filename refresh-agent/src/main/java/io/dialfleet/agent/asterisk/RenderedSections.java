package io.dialfleet.agent.asterisk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the sections of a peer file the agent rendered (chan_sip, IAX2 or PJSIP wizard): {@code [name]} headers and
 * {@code key=value} lines, the last value of a key winning as it does for the settings checked here. Templates are
 * written out inside each section, so a section holds everything Asterisk is given for that phone. The values carry
 * secrets: they are compared, never logged.
 */
public final class RenderedSections {

    private RenderedSections() {
    }

    /** Every section of {@code text} by name, in file order. */
    public static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String name = end > 1 ? line.substring(1, end) : line.substring(1);
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int equals = line.indexOf('=');
            if (current != null && equals > 0) {
                current.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return sections;
    }

    /** The names of {@code now}'s sections that {@code before} did not have, or had with other content. */
    public static Set<String> changed(Map<String, Map<String, String>> before, Map<String, Map<String, String>> now) {
        Set<String> changed = new TreeSet<>();
        now.forEach((name, section) -> {
            if (!Objects.equals(before.get(name), section)) {
                changed.add(name);
            }
        });
        return changed;
    }
}
