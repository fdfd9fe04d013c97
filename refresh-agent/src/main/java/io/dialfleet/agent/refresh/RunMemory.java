package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.install.AgentState;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.vicidial.VicidialRunResult;
import io.dialfleet.events.PeerConfigSnapshot;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the agent carries from one run to the next: the names live in Asterisk, the phones left out, whether a check
 * is still owed, and the state file that keeps the applied revision and the files installed but not yet checked
 * across a restart.
 */
final class RunMemory {

    private final Path stateFile;
    private final Map<LiveKind, Set<String>> liveNames = new EnumMap<>(LiveKind.class);
    /** Phones left out by the last applied run; left out again while their data stays the same. */
    private PhoneExclusions excludedEarlier = new PhoneExclusions();
    /** A run ended before the live state could be checked: the next run reloads and checks even if unchanged. */
    private boolean verificationPending;
    /** What the state file last said; its {@code unverified} files are reloaded and checked by the next run. */
    private AgentState state;

    RunMemory(Path stateFile) {
        this.stateFile = stateFile;
        this.state = AgentState.load(stateFile).orElse(AgentState.NONE);
        state.liveNames().forEach((kind, names) -> liveNames.put(LiveKind.valueOf(kind), new HashSet<>(names)));
    }

    /** The names of this kind Asterisk showed after the last applied run. */
    Set<String> liveNames(LiveKind kind) {
        return liveNames.getOrDefault(kind, Set.of());
    }

    Map<LiveKind, Set<String>> liveNames() {
        return Map.copyOf(liveNames);
    }

    /** A forced run starts afresh; any other leaves out again the phones whose data did not change. */
    PhoneExclusions exclusionsFor(PeerConfigSnapshot snapshot, boolean force) {
        return force ? new PhoneExclusions() : excludedEarlier.carriedTo(snapshot);
    }

    boolean verificationPending() {
        return verificationPending;
    }

    /** The run ended while Asterisk may still be applying the files: the next run reloads and checks them. */
    void owesVerification() {
        verificationPending = true;
    }

    /**
     * Files installed by a run that ended before its check (a crash, a kill) look unchanged, yet Asterisk may never
     * have loaded them.
     */
    Set<ConfFile> unverifiedFiles() {
        Set<ConfFile> files = EnumSet.noneOf(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            if (state.unverified().contains(file.name())) {
                files.add(file);
            }
        }
        return files;
    }

    /** Saved before an install and cleared by the check after it, so a crash in between leaves a record to finish. */
    void saveUnverified(Collection<ConfFile> files) {
        state = state.withUnverified(files.stream().map(ConfFile::name).collect(Collectors.toSet()));
        state.save(stateFile);
    }

    /** A run applied {@code rendered} and, unless the reload mode is none, saw it live. */
    void applied(RunReport report, RenderedConfig rendered, PhoneExclusions exclusions) {
        verificationPending = false;
        excludedEarlier = exclusions;
        ConfFile inactive = ManagedFiles.inactiveSipFile(rendered.stack());
        for (ConfFile file : ConfFile.values()) {
            if (file != inactive) {
                liveNames.put(LiveKind.of(file), new HashSet<>(rendered.names().of(file)));
            }
        }
        save(report);
    }

    /** A run for a server VICIdial renders checked what VICIdial wrote. */
    void applied(RunReport report, VicidialRunResult result) {
        verificationPending = false;
        excludedEarlier = new PhoneExclusions();
        liveNames.putAll(result.liveNames());
        save(report);
    }

    /** The applied revision, file hashes and live names of a run that checked; nothing is left unverified. */
    private void save(RunReport report) {
        Map<String, String> hashes = new LinkedHashMap<>();
        report.files.forEach(file -> hashes.put(file.name(), file.sha256()));
        Map<String, Set<String>> names = new HashMap<>();
        liveNames.forEach((kind, set) -> names.put(kind.name(), set));
        state = new AgentState(report.revision, hashes, names, Set.of());
        state.save(stateFile);
    }
}
