package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real unix sockets standing in for a Docker daemon: one that answers the ping, one that never does. */
class DockerProbeTest {

    @Test
    void aDaemonThatAnswersThePingCounts(@TempDir Path directory) throws Exception {
        Path socket = directory.resolve("docker.sock");
        try (ServerSocketChannel server = listen(socket)) {
            Thread daemon = new Thread(() -> answerOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"));
            daemon.start();
            assertThat(DockerProbe.answers(URI.create("unix://" + socket))).isTrue();
            daemon.join(2000);
        }
    }

    @Test
    void aSilentDaemonIsGivenUpWithinAboutASecond(@TempDir Path directory) throws Exception {
        Path socket = directory.resolve("docker.sock");
        try (ServerSocketChannel server = listen(socket)) {
            long began = System.nanoTime();
            assertThat(DockerProbe.answers(URI.create("unix://" + socket))).isFalse();
            assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(1_800);
        }
    }

    @Test
    void aMissingSocketDoesNotAnswer(@TempDir Path directory) {
        assertThat(DockerProbe.answers(URI.create("unix://" + directory.resolve("none.sock")))).isFalse();
    }

    private static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    private static void answerOnce(ServerSocketChannel server, String reply) {
        try (SocketChannel client = server.accept()) {
            client.read(ByteBuffer.allocate(256));
            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
