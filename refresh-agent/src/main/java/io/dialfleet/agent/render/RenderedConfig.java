package io.dialfleet.agent.render;

import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import io.dialfleet.events.ServerRefreshCompleted.PeerCounts;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one render produced: the bytes of all five files, what was left out and why, and what Asterisk must
 * show afterwards. {@link #toString()} shows sizes, never content.
 *
 * @param stack    the SIP stack the files were rendered for
 * @param files    every {@link ConfFile}, including the unused SIP stack's file (header only)
 * @param warnings remarks that leave no phone out (a duplicate dialplan number or mailbox whose entry was not
 *                 written, a template_id naming no template), for the status event's {@code warnings}; they name
 *                 extensions and fields, never values
 * @param excluded every phone left out of every file, with why, for the status event's {@code excluded}: refused
 *                 by the renderer or asked to be left out by the caller; in extension order
 * @param peers    sections written per file, for the status event's {@code peers}
 * @param names    the peers, endpoints, extensions and mailboxes written: the live state to verify after the reload
 */
public record RenderedConfig(
        SipStack stack,
        Map<ConfFile, RenderedFile> files,
        List<String> warnings,
        List<ExcludedPhone> excluded,
        PeerCounts peers,
        RenderedNames names) {

    public RenderedConfig {
        EnumMap<ConfFile, RenderedFile> copy = new EnumMap<>(ConfFile.class);
        copy.putAll(files);
        if (copy.size() != ConfFile.values().length) {
            throw new IllegalArgumentException("a rendered configuration has all five files");
        }
        files = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
        excluded = List.copyOf(excluded);
    }

    public RenderedFile file(ConfFile file) {
        return files.get(file);
    }
}
