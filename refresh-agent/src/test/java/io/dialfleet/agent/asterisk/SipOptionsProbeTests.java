package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe against a UDP responder on 127.0.0.1 that answers the way a SIP server does (the Call-ID echoed in a
 * status line). That chan_sip answers only after its reload is measured on the real Asterisk 18 (docs/benchmarks.md).
 */
class SipOptionsProbeTests {

    private static final Pattern CALL_ID = Pattern.compile("Call-ID: (\\S+)");

    @Test
    void twoAnsweredOptionsInARowConfirmTheEnd() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<String> requests = new CopyOnWriteArrayList<>();
            Thread responder = answer(server, requests, 0);

            boolean answered = new SipOptionsProbe(new InetSocketAddress("127.0.0.1", server.getLocalPort()))
                    .awaitAnswers(Duration.ofSeconds(5));

            responder.join(5_000);
            assertThat(answered).isTrue();
            assertThat(requests).hasSize(2).allMatch(request -> request.startsWith("OPTIONS sip:127.0.0.1:"));
            assertThat(callId(requests.get(0))).isNotEqualTo(callId(requests.get(1)));
        }
    }

    @Test
    void aLostRequestIsSentAgain() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<String> requests = new CopyOnWriteArrayList<>();
            Thread responder = answer(server, requests, 1);

            boolean answered = new SipOptionsProbe(new InetSocketAddress("127.0.0.1", server.getLocalPort()))
                    .awaitAnswers(Duration.ofSeconds(5));

            responder.join(5_000);
            assertThat(answered).isTrue();
            assertThat(callId(requests.get(0))).isEqualTo(callId(requests.get(1)));
        }
    }

    @Test
    void silenceUntilTheTimeoutIsNotAnEnd() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();

            boolean answered = new SipOptionsProbe(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))
                    .awaitAnswers(Duration.ofMillis(1_200));

            assertThat(answered).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1_100),
                    Duration.ofSeconds(3));
        }
    }

    /** Answers requests with 404 (as chan_sip does with allowguest=no), ignoring the first {@code drop} of them. */
    private static Thread answer(DatagramSocket server, List<String> requests, int drop) {
        Thread thread = new Thread(() -> {
            try {
                int answered = 0;
                int dropped = 0;
                while (answered < 2) {
                    DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
                    server.receive(packet);
                    String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                    requests.add(request);
                    if (dropped < drop) {
                        dropped++;
                        continue;
                    }
                    byte[] response = ("SIP/2.0 404 Not Found\r\nCall-ID: " + callId(request)
                            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    server.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                    answered++;
                }
            } catch (java.io.IOException e) {
                // the test closed the socket
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String callId(String request) {
        Matcher matcher = CALL_ID.matcher(request);
        return matcher.find() ? matcher.group(1) : "";
    }
}
