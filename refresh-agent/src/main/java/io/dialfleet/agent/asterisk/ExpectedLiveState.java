package io.dialfleet.agent.asterisk;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What Asterisk must show after the reloads: per kind to check (only those whose module was reloaded), the names
 * rendered and the names removed. Built with {@link #none()} and {@link #with}.
 */
public record ExpectedLiveState(Map<LiveKind, ExpectedNames> checks) {

    public ExpectedLiveState {
        EnumMap<LiveKind, ExpectedNames> copy = new EnumMap<>(LiveKind.class);
        copy.putAll(checks);
        checks = Collections.unmodifiableMap(copy);
    }

    /** Nothing to check. */
    public static ExpectedLiveState none() {
        return new ExpectedLiveState(Map.of());
    }

    /** A copy that also checks {@code kind}. */
    public ExpectedLiveState with(LiveKind kind, Collection<String> present, Collection<String> removed) {
        EnumMap<LiveKind, ExpectedNames> more = new EnumMap<>(LiveKind.class);
        more.putAll(checks);
        more.put(kind, ExpectedNames.of(present, removed));
        return new ExpectedLiveState(more);
    }

    /** A copy that also checks {@code kind} against {@code names}. */
    public ExpectedLiveState with(LiveKind kind, ExpectedNames names) {
        EnumMap<LiveKind, ExpectedNames> more = new EnumMap<>(LiveKind.class);
        more.putAll(checks);
        more.put(kind, names);
        return new ExpectedLiveState(more);
    }

    /** A copy that also checks {@code kind}, with nothing removed. */
    public ExpectedLiveState with(LiveKind kind, Collection<String> present) {
        return with(kind, present, List.of());
    }
}
