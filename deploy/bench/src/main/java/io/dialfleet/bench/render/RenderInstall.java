package io.dialfleet.bench.render;

import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.install.FileChange;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an agent does between fetching a snapshot and reloading Asterisk: render, compare with the live files,
 * install the changed ones (temp file, fsync, rename, previous content kept as {@code .prev}, directory fsync).
 * Alternates between two snapshots whose server_id differs, so every call rewrites all five files: the worst case.
 */
public final class RenderInstall {

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfInstaller installer;
    private final PeerConfigSnapshot first;
    private final PeerConfigSnapshot second;
    private boolean flip;

    public RenderInstall(int peers, long seed, Path directory) {
        this.installer = new ConfInstaller(directory, Optional.empty(), "rw-r-----");
        this.first = SyntheticServer.mixed(peers, seed, "benchA");
        this.second = SyntheticServer.mixed(peers, seed, "benchB");
    }

    /** @return the files compared (all changed) */
    public List<FileChange> renderAndInstall() {
        flip = !flip;
        RenderedConfig rendered = renderer.render(flip ? first : second, SipStack.CHAN_SIP);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            files.put(file.defaultName(), rendered.file(file).content());
        }
        List<FileChange> changes = installer.compare(files);
        installer.install(changes);
        return changes;
    }
}
