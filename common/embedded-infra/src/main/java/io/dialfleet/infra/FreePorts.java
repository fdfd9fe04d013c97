package io.dialfleet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks TCP ports on the loopback interface for servers we start. */
final class FreePorts {

    /*
     * Below Linux's ephemeral range (32768-60999) and far from macOS/Windows' (49152-65535): the kernel
     * never hands these out as the local port of an outgoing connection, so a port stays ours while the
     * broker is stopped for an outage test and can be bound again when it restarts.
     */
    private static final int FIRST = 20000;
    private static final int LAST = 32000;
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    static int pick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < ATTEMPTS; i++) {
            int candidate = random.nextInt(FIRST, LAST);
            if (isFree(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback interface", e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
