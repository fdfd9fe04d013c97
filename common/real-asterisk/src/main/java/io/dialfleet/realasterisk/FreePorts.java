package io.dialfleet.realasterisk;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports on 127.0.0.1 free for both TCP and UDP, below Linux's ephemeral range (32768-60999) so that no
 * outgoing connection of another test takes one between the pick and Asterisk's bind. Ports handed out in this JVM
 * are not handed out again.
 */
final class FreePorts {

    private static final int FIRST = 20000;
    private static final int LAST = 32000;
    private static final int ATTEMPTS = 500;
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int pick() {
        return pickRange(1);
    }

    /** The first of {@code count} consecutive free ports. */
    static synchronized int pickRange(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = random.nextInt(FIRST, LAST - count);
            if (allFree(first, count)) {
                for (int port = first; port < first + count; port++) {
                    GIVEN.add(port);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive ports on 127.0.0.1 in " + FIRST + "-" + LAST);
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (GIVEN.contains(port) || !isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.setReuseAddress(false);
            tcp.bind(address, 1);
            udp.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
