package io.dialfleet.agent.asterisk;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of one kind that must be live, and those removed since the previous apply that must be gone. Names are
 * compared case-sensitively, as Asterisk section names are.
 *
 * @param present  in the rendered file's order
 * @param removed  written by the previous apply and no longer rendered
 * @param sections the rendered sections of a peer file, by name ({@link RenderedSections}); empty when only the
 *                 names are checked (dialplan, voicemail, a rollback's previous names)
 * @param changed  the present names whose section is new or different in this run: only these get the checks that
 *                 cost one AMI action per object
 */
public record ExpectedNames(List<String> present, List<String> removed, Map<String, Map<String, String>> sections,
        Set<String> changed) {

    public ExpectedNames {
        present = List.copyOf(new LinkedHashSet<>(present));
        removed = List.copyOf(new LinkedHashSet<>(removed));
        sections = Map.copyOf(sections);
        changed = Set.copyOf(changed);
    }

    public static ExpectedNames of(Collection<String> present, Collection<String> removed) {
        return new ExpectedNames(List.copyOf(present), List.copyOf(removed), Map.of(), Set.of());
    }

    /** The rendered section of {@code name}, empty when none was given. */
    Map<String, String> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }
}
