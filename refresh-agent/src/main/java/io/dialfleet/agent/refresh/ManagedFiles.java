package io.dialfleet.agent.refresh;

import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.AsteriskCommand.ModuleReload;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.ConfProblem;
import io.dialfleet.agent.render.ConfValidator;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The five files under their configured names, and which of them a run reloads. */
final class ManagedFiles {

    private final Map<ConfFile, String> names;
    private final ConfValidator validator = new ConfValidator();

    ManagedFiles(Map<ConfFile, String> names) {
        this.names = Map.copyOf(names);
    }

    Map<ConfFile, String> names() {
        return names;
    }

    String name(ConfFile file) {
        return names.get(file);
    }

    /** The rendered files by name, in reload order, for the installer. */
    Map<String, byte[]> byName(RenderedConfig rendered) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            files.put(names.get(file), rendered.file(file).content());
        }
        return files;
    }

    /** Each rendered file that Asterisk's parser would not read as written, with its first problem. */
    List<String> invalid(RenderedConfig rendered) {
        List<String> invalid = new ArrayList<>();
        for (ConfFile file : ConfFile.values()) {
            List<ConfProblem> problems = validator.validate(rendered.file(file).content());
            if (!problems.isEmpty()) {
                invalid.add(names.get(file) + ": " + problems.get(0));
            }
        }
        return invalid;
    }

    /** The files whose content differs from the live one, in reload order. */
    List<ConfFile> changed(List<FileChange> changes) {
        List<ConfFile> changed = new ArrayList<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            if (changes.stream().anyMatch(change -> change.changed() && change.name().equals(names.get(file)))) {
                changed.add(file);
            }
        }
        return changed;
    }

    /** The content of each file before this run installed anything, by name; a file that did not exist is absent. */
    static Map<String, byte[]> liveContents(List<FileChange> changes) {
        Map<String, byte[]> contents = new HashMap<>();
        for (FileChange change : changes) {
            if (change.existed()) {
                try {
                    contents.put(change.name(), Files.readAllBytes(change.path()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + change.path(), e);
                }
            }
        }
        return contents;
    }

    /** Both sets' files, in reload order. */
    static List<ConfFile> union(Collection<ConfFile> first, Collection<ConfFile> second) {
        return ConfFile.inReloadOrder().stream().filter(file -> first.contains(file) || second.contains(file)).toList();
    }

    /** Every module this server's files feed, in reload order: the active SIP stack only. */
    static List<ConfFile> managed(SipStack stack) {
        return reloadable(ConfFile.inReloadOrder(), stack);
    }

    /**
     * The inactive stack's file is rewritten (emptied) but never reloaded: an Asterisk 21 has no chan_sip to reload,
     * and an old one may have no res_pjsip.
     */
    static List<ConfFile> reloadable(Collection<ConfFile> files, SipStack stack) {
        return ConfFile.inReloadOrder(files).stream().filter(file -> file != inactiveSipFile(stack)).toList();
    }

    static ConfFile inactiveSipFile(SipStack stack) {
        return stack == SipStack.PJSIP ? ConfFile.SIP : ConfFile.PJSIP;
    }

    static List<ModuleReload> commands(List<ConfFile> files) {
        return files.stream().map(AsteriskCommand::reload).toList();
    }
}
