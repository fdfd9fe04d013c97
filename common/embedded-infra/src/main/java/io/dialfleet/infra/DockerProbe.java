package io.dialfleet.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks, within about a second, whether a Docker daemon answers: {@code GET /_ping} on
 * {@code DOCKER_HOST} or on the usual socket paths.
 *
 * <p>Testcontainers' own discovery tries several strategies with long timeouts before it gives up;
 * on a machine without Docker that costs many seconds per JVM. We ask first, cheaply, and touch
 * Testcontainers only when this probe says yes.
 */
public final class DockerProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private DockerProbe() {
    }

    public static boolean dockerAnswers() {
        return answeringDaemon().isPresent();
    }

    /** The first Docker endpoint that answers the ping, if any. */
    public static Optional<URI> answeringDaemon() {
        return candidates().stream().filter(DockerProbe::answers).findFirst();
    }

    static List<URI> candidates() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return List.of(URI.create(dockerHost.trim()));
        }
        List<URI> candidates = new ArrayList<>();
        String home = System.getProperty("user.home");
        String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
        List<String> paths = new ArrayList<>(List.of("/var/run/docker.sock",
                home + "/.docker/run/docker.sock",          // Docker Desktop (macOS)
                home + "/.docker/desktop/docker.sock",      // Docker Desktop (Linux)
                home + "/.colima/default/docker.sock",      // Colima
                home + "/.rd/docker.sock"));                // Rancher Desktop
        if (runtimeDirectory != null) {
            paths.add(runtimeDirectory + "/docker.sock");   // rootless Docker
        }
        for (String path : paths) {
            if (Files.exists(Path.of(path))) {
                try {
                    candidates.add(new URI("unix", null, path, null)); // encodes spaces in a home directory
                } catch (URISyntaxException e) {
                    // not a usable path for a URI: not a socket we can probe
                }
            }
        }
        return candidates;
    }

    static boolean answers(URI endpoint) {
        CompletableFuture<SocketChannel> opened = new CompletableFuture<>();
        CompletableFuture<Boolean> pinged = CompletableFuture.supplyAsync(() -> ping(endpoint, opened), runnable -> {
            // Its own daemon thread: a connect that hangs must neither hold a pooled thread nor keep the JVM up.
            Thread thread = new Thread(runnable, "dialfleet-docker-probe");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            return pinged.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Closing the channel wakes the thread blocked in connect() or read().
            opened.thenAccept(DockerProbe::closeQuietly);
            opened.complete(null);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean ping(URI endpoint, CompletableFuture<SocketChannel> opened) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
        try (SocketChannel channel = open(scheme)) {
            if (!opened.complete(channel)) {
                return false; // timed out already
            }
            if ("unix".equals(scheme)) {
                channel.connect(UnixDomainSocketAddress.of(endpoint.getPath()));
            } else if ("tcp".equals(scheme)) {
                channel.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
                if ("1".equals(System.getenv("DOCKER_TLS_VERIFY"))) {
                    return true; // a TLS daemon: a plain-text ping would be refused; the port answering will do
                }
            } else {
                return false; // ssh:// and npipe:// are left to Testcontainers' users to set up explicitly
            }
            channel.write(ByteBuffer.wrap(PING));
            ByteBuffer reply = ByteBuffer.allocate(64);
            while (reply.hasRemaining() && channel.read(reply) >= 0) {
                if (statusLine(reply).contains("\r\n")) {
                    break;
                }
            }
            String status = statusLine(reply);
            return status.startsWith("HTTP/1.") && status.contains(" 200");
        } catch (IOException e) {
            return false;
        }
    }

    private static SocketChannel open(String scheme) throws IOException {
        return "unix".equals(scheme) ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    }

    private static String statusLine(ByteBuffer reply) {
        return new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do for a probe that already gave up
        }
    }
}
