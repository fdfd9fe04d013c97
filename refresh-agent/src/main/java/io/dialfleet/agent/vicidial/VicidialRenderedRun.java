package io.dialfleet.agent.vicidial;

import io.dialfleet.agent.asterisk.AsteriskAccessException;
import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.ExpectedLiveState;
import io.dialfleet.agent.asterisk.LiveKind;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadOutcome;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.Verification;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.EmptyIncludes;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import io.dialfleet.events.ServerRefreshCompleted.FileResult;
import io.dialfleet.events.ServerRefreshCompleted.ReloadResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One run for a server whose phones VICIdial renders (render mode VICIDIAL, "One renderer per server"): dialfleet
 * writes no peer of its own. The run
 * <ol>
 * <li>empties dialfleet's own files that still hold entries (left from when dialfleet rendered the server) to their
 * header-only content and reloads their modules, so that no phone is defined by two renderers — the previous
 * content stays as {@code <file>.prev}; files that do not exist are not created;</li>
 * <li>runs the operator's rebuild command, when one is configured, instead of waiting for VICIdial's cron;</li>
 * <li>checks Asterisk's live state until it matches or the deadline passes: the peers of the active SIP stack
 * (chan_sip peers or PJSIP endpoints) and the IAX2 peers dialfleet would render must be live,
 * and those dialfleet expected before but no longer must be gone. The dialplan and the mailboxes are not checked:
 * VICIdial writes them under its own file names and contexts, which dialfleet does not know.</li>
 * </ol>
 * Nothing is rolled back: dialfleet wrote no phone. A run reports APPLIED when the live state matches, else FAILED
 * with the phones missing or still live.
 */
public final class VicidialRenderedRun {

    private static final Logger LOG = Logger.getLogger(VicidialRenderedRun.class);

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfInstaller installer;
    private final Map<ConfFile, String> fileNames;
    private final Optional<AsteriskReloader> reloader;
    private final Optional<SettledVerifier> verifier;
    private final VicidialSettings settings;

    /**
     * @param reloader reloads the modules of emptied files; empty in reload mode {@code none}
     * @param verifier the verifier of a normal run, asked to wait until the live state matches or the deadline
     *                 passed; empty in reload mode {@code none}
     */
    public VicidialRenderedRun(ConfInstaller installer, Map<ConfFile, String> fileNames,
            Optional<AsteriskReloader> reloader, Optional<SettledVerifier> verifier, VicidialSettings settings) {
        this.installer = installer;
        this.fileNames = Map.copyOf(fileNames);
        this.reloader = reloader;
        this.verifier = verifier;
        this.settings = settings;
    }

    /**
     * @param snapshot the desired peer set
     * @param expected what dialfleet would render for it: the names that must be live
     * @param previous the names live per kind after the last APPLIED run, whoever rendered them
     */
    public VicidialRunResult run(PeerConfigSnapshot snapshot, RenderedConfig expected,
            Map<LiveKind, Set<String>> previous) throws InterruptedException {
        SipStack stack = expected.stack();
        List<String> warnings = new ArrayList<>();
        List<ReloadResult> reloads = new ArrayList<>();

        List<FileChange> emptied = emptyOwnFiles(snapshot, stack);
        List<FileResult> files = emptied.stream()
                .map(change -> new FileResult(change.name(), change.sha256(), change.content().length, change.changed()))
                .toList();
        String emptyingProblem = reloadEmptied(emptied, stack, reloads);
        if (emptyingProblem != null) {
            installer.restore(emptied,
                    EmptyIncludes.of(snapshot.server().serverId(), snapshot.server().serverIp(), fileNames));
            return new VicidialRunResult(RefreshOutcome.FAILED, "emptying dialfleet's own files: " + emptyingProblem
                    + "; they were restored and are emptied again on the next run", files, reloads, warnings, Map.of());
        }

        Optional<RebuildResult> rebuild = rebuild();
        rebuild.ifPresent(result -> {
            reloads.add(new ReloadResult("rebuild " + result.program(), result.ok(), result.millis()));
            if (!result.ok()) {
                warnings.add(result.describe());
            }
        });
        for (ExcludedPhone phone : expected.excluded()) {
            warnings.add("phone " + phone.extension() + " (" + phone.protocol() + ") not verified: dialfleet would "
                    + "not render it: " + phone.reason());
        }

        Map<LiveKind, List<String>> present = checkedNames(expected);
        Map<LiveKind, Set<String>> live = new EnumMap<>(LiveKind.class);
        present.forEach((kind, names) -> live.put(kind, Set.copyOf(names)));
        live.put(LiveKind.DIALPLAN_EXTENSIONS, Set.of());
        live.put(LiveKind.VOICEMAIL_BOXES, Set.of());

        if (verifier.isEmpty()) {
            warnings.add("live state not checked: reload mode none");
            return rebuild.filter(result -> !result.ok())
                    .map(result -> new VicidialRunResult(RefreshOutcome.FAILED, result.describe(), files, reloads,
                            warnings, Map.<LiveKind, Set<String>>of()))
                    .orElseGet(() -> new VicidialRunResult(RefreshOutcome.APPLIED, null, files, reloads, warnings,
                            live));
        }
        Verification verification;
        try {
            // VICIdial reloads on its own schedule: the end is unknown, so the verifier looks until the deadline.
            verification = verifier.get().verify(expectedState(present, previous), ReloadCompletion.State.UNKNOWN,
                    settings.verifyDeadline()).verification();
        } catch (AsteriskAccessException e) {
            return new VicidialRunResult(RefreshOutcome.FAILED, "could not check the live state: " + e.getMessage(),
                    files, reloads, warnings, Map.of());
        }
        if (verification.ok()) {
            return new VicidialRunResult(RefreshOutcome.APPLIED, null, files, reloads, warnings, live);
        }
        String error = "live state after VICIdial's rebuild (waited " + settings.verifyDeadline() + "): "
                + verification.message() + " (check that VICIdial's MySQL has this server's phones as dialfleet does"
                + " and that VICIdial generates this server's configuration)"
                + rebuild.filter(result -> !result.ok()).map(result -> "; " + result.describe()).orElse("");
        return new VicidialRunResult(RefreshOutcome.FAILED, error, files, reloads, warnings, Map.of());
    }

    /** The names checked: the active SIP stack's peers and the IAX2 peers dialfleet would render. */
    private static Map<LiveKind, List<String>> checkedNames(RenderedConfig expected) {
        boolean pjsip = expected.stack() == SipStack.PJSIP;
        Map<LiveKind, List<String>> present = new EnumMap<>(LiveKind.class);
        present.put(pjsip ? LiveKind.PJSIP_ENDPOINTS : LiveKind.SIP_PEERS,
                expected.names().of(pjsip ? ConfFile.PJSIP : ConfFile.SIP));
        present.put(LiveKind.IAX2_PEERS, expected.names().of(ConfFile.IAX));
        return present;
    }

    /** Names only, no sections: VICIdial's sections are its own, so only that each peer exists is checked. */
    private static ExpectedLiveState expectedState(Map<LiveKind, List<String>> present,
            Map<LiveKind, Set<String>> previous) {
        ExpectedLiveState state = ExpectedLiveState.none();
        for (Map.Entry<LiveKind, List<String>> kind : present.entrySet()) {
            Set<String> removed = new HashSet<>(previous.getOrDefault(kind.getKey(), Set.of()));
            removed.removeAll(kind.getValue());
            state = state.with(kind.getKey(), kind.getValue(), removed);
        }
        return state;
    }

    /**
     * Writes the header-only content into each of dialfleet's files that exists and holds more; returns every
     * existing file's comparison.
     */
    private List<FileChange> emptyOwnFiles(PeerConfigSnapshot snapshot, SipStack stack) {
        PeerConfigSnapshot noPhones = new PeerConfigSnapshot(snapshot.schemaVersion(), snapshot.revision(),
                snapshot.server(), snapshot.defaultCodecs(), List.of(), List.of());
        RenderedConfig headers = renderer.render(noPhones, stack);
        Map<String, byte[]> byName = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            byName.put(fileNames.get(file), headers.file(file).content());
        }
        List<FileChange> existing = installer.compare(byName).stream().filter(FileChange::existed).toList();
        installer.install(existing);
        existing.stream().filter(FileChange::changed).forEach(change ->
                LOG.infof("emptied %s: VICIdial renders this server's phones", change.name()));
        return existing;
    }

    /** @return what went wrong reloading the emptied files' modules, or null */
    private String reloadEmptied(List<FileChange> emptied, SipStack stack, List<ReloadResult> reloads)
            throws InterruptedException {
        if (reloader.isEmpty()) {
            return null;
        }
        ConfFile inactive = stack == SipStack.PJSIP ? ConfFile.SIP : ConfFile.PJSIP;
        List<AsteriskCommand.ModuleReload> commands = new ArrayList<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            boolean changed = emptied.stream()
                    .anyMatch(change -> change.changed() && change.name().equals(fileNames.get(file)));
            if (changed && file != inactive) {
                commands.add(AsteriskCommand.reload(file));
            }
        }
        if (commands.isEmpty()) {
            return null;
        }
        ReloadOutcome outcome = reloader.get().reload(commands);
        outcome.results().forEach(result -> reloads.add(
                new ReloadResult(result.commandText(), result.ok(), result.millis())));
        return outcome.failure()
                .map(result -> result.commandText() + ": " + result.failure().orElse("failed"))
                .orElse(null);
    }

    private Optional<RebuildResult> rebuild() throws InterruptedException {
        if (settings.rebuild().isEmpty()) {
            return Optional.empty();
        }
        RebuildResult result = settings.rebuild().get().run();
        if (result.ok()) {
            LOG.infof("%s in %d ms", result.describe(), result.millis());
        } else {
            LOG.warnf("%s in %d ms; last line of its output: %s", result.describe(), result.millis(),
                    result.lastLine().isEmpty() ? "(none)" : result.lastLine());
        }
        return Optional.of(result);
    }
}
