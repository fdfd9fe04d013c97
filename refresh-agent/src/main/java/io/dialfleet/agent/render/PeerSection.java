package io.dialfleet.agent.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One peer section exactly as it is about to be written — the renderer's own lines, the template's and the
 * override's together — read the way Asterisk reads it, so that {@link SectionRule}s judge what Asterisk will see:
 * {@code key = value} and {@code key => value} with blanks around key and value stripped ({@code main/config.c},
 * {@code process_text_line}). Keys compare ignoring case, as chan_sip, chan_iax2 and the PJSIP wizard compare them
 * ({@code strcasecmp}); the wizard's object prefixes ({@code endpoint/}, {@code aor/}, {@code inbound_auth/}) are
 * matched exactly ({@code ast_begins_with}).
 *
 * @param name         the section name (the phone's extension)
 * @param file         the file the section goes into: {@link ConfFile#SIP}, {@link ConfFile#IAX} or
 *                     {@link ConfFile#PJSIP}
 * @param entries      the section's entries in file order
 * @param overrideOnly whether the section is the phone's {@code conf_override} alone (no template, VICIdial's rule)
 */
record PeerSection(String name, ConfFile file, List<Entry> entries, boolean overrideOnly) {

    /** One {@code key=value} line. */
    record Entry(String key, String value) {
    }

    PeerSection {
        entries = List.copyOf(entries);
    }

    /**
     * Reads the section from the text written for it: a {@code [name]} line, then entry lines (blank lines are never
     * written inside a section; every line passed {@link ConfSyntax#entryProblem(CharSequence)}).
     */
    static PeerSection parse(String name, ConfFile file, CharSequence text, boolean overrideOnly) {
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\n') {
                end++;
            }
            String line = text.subSequence(start, end).toString();
            int equals = line.indexOf('=');
            if (equals > 0 && !line.stripLeading().startsWith("[")) {
                String value = line.substring(equals + 1);
                if (value.startsWith(">")) {
                    value = value.substring(1);
                }
                entries.add(new Entry(line.substring(0, equals).strip(), value.strip()));
            }
            start = end + 1;
        }
        return new PeerSection(name, file, entries, overrideOnly);
    }

    /** Every value of {@code key} (compared ignoring case), in file order. */
    List<String> values(String key) {
        List<String> values = new ArrayList<>(1);
        for (Entry entry : entries) {
            if (entry.key().equalsIgnoreCase(key)) {
                values.add(entry.value());
            }
        }
        return values;
    }

    /** The last value of {@code key}: the one that wins where a later line overrides an earlier one; null if none. */
    String last(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equalsIgnoreCase(key)) {
                return entries.get(i).value();
            }
        }
        return null;
    }

    /**
     * The entries of one wizard object: keys starting with {@code prefix} exactly (e.g. {@code aor/}), with the
     * prefix removed and the option name lower-cased.
     */
    List<Entry> wizardObject(String prefix) {
        List<Entry> object = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.key().startsWith(prefix) && entry.key().length() > prefix.length()) {
                object.add(new Entry(entry.key().substring(prefix.length()).toLowerCase(Locale.ROOT), entry.value()));
            }
        }
        return object;
    }

    /** The last value of one wizard object's option ({@code prefix} exact, option ignoring case); null if none. */
    String lastOf(String prefix, String option) {
        String value = null;
        for (Entry entry : wizardObject(prefix)) {
            if (entry.key().equalsIgnoreCase(option)) {
                value = entry.value();
            }
        }
        return value;
    }

    /** Asterisk's {@code ast_true}: yes, true, y, t, 1 or on, ignoring case. */
    static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }
}
