package io.dialfleet.agent.asterisk;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The names of one kind that must be live, and those removed since the previous apply that must be gone. Names are
 * compared case-sensitively, as Asterisk section names are.
 *
 * @param present in the rendered file's order
 * @param removed written by the previous apply and no longer rendered
 */
public record ExpectedNames(List<String> present, List<String> removed) {

    public ExpectedNames {
        present = List.copyOf(new LinkedHashSet<>(present));
        removed = List.copyOf(new LinkedHashSet<>(removed));
    }

    public static ExpectedNames of(Collection<String> present, Collection<String> removed) {
        return new ExpectedNames(List.copyOf(present), List.copyOf(removed));
    }
}
