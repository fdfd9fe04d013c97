package io.dialfleet.agent.render;

import io.dialfleet.events.EventJson;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The golden cases under {@code src/test/resources/render/<case>/}: {@code snapshot.json} (a
 * {@link PeerConfigSnapshot} in its JSON form), the five expected files under their default names, and
 * {@code result.txt} (stack, peer counts, expected live state, excluded phones, warnings).
 */
final class GoldenCases {

    static final String SNAPSHOT = "snapshot.json";
    static final String RESULT = "result.txt";

    private GoldenCases() {
    }

    /** The compiled copy the tests read (target/test-classes/render). */
    static Path root() {
        URL url = GoldenCases.class.getClassLoader().getResource("render");
        if (url == null) {
            throw new IllegalStateException("no render/ golden cases on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source copy that {@code -Drender.golden.update=true} rewrites. */
    static Path sourceRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources",
                "render");
    }

    static List<String> names() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PeerConfigSnapshot snapshot(String name) {
        try {
            return EventJson.mapper().readValue(root().resolve(name).resolve(SNAPSHOT).toFile(),
                    PeerConfigSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything but the bytes of the files, one fact per line: the golden {@code result.txt}. */
    static String describe(RenderedConfig config) {
        StringBuilder text = new StringBuilder();
        text.append("stack=").append(config.stack()).append('\n');
        text.append("peers.sip=").append(config.peers().sip()).append('\n');
        text.append("peers.iax2=").append(config.peers().iax2()).append('\n');
        text.append("peers.pjsip=").append(config.peers().pjsip()).append('\n');
        text.append("names.sip=").append(String.join(",", config.names().sipPeers())).append('\n');
        text.append("names.pjsip=").append(String.join(",", config.names().pjsipEndpoints())).append('\n');
        text.append("names.iax=").append(String.join(",", config.names().iax2Peers())).append('\n');
        text.append("dialplan=").append(String.join(",", config.names().dialplanExtensions())).append('\n');
        text.append("voicemail=").append(String.join(",", config.names().voicemailBoxes())).append('\n');
        for (ExcludedPhone phone : config.excluded()) {
            text.append("excluded=").append(phone.extension()).append(" (").append(phone.protocol()).append("): ")
                    .append(phone.reason()).append('\n');
        }
        for (String warning : config.warnings()) {
            text.append("warning=").append(warning).append('\n');
        }
        return text.toString();
    }
}
