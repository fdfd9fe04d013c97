package io.dialfleet.agent.asterisk;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Tells when a chan_sip reload has finished, by sending SIP {@code OPTIONS} to the local Asterisk's SIP UDP port.
 *
 * <p>Asterisk 18's {@code module reload chan_sip.so} only sets {@code sip_reloading} and wakes chan_sip's monitor
 * thread, then answers "reloaded successfully"; the monitor thread runs the whole reload at the top of its loop and
 * reads the SIP socket only between reloads ({@code do_monitor()}, {@code sip_do_reload()} in chan_sip.c). A request
 * sent after the answer can still be read once in the instant between the loop's reload check and its
 * {@code poll()}; the loop then checks the flag before it reads again. So two OPTIONS in a row, the second sent
 * after the first was answered, are answered only once the reload asked for is complete. Any response counts (200,
 * 404, 401…): it only proves that the monitor thread is reading again. Requests are retransmitted every
 * {@link #RETRANSMIT} because UDP may drop them.
 */
public final class SipOptionsProbe {

    static final Duration RETRANSMIT = Duration.ofMillis(500);
    private static final int ANSWERS_NEEDED = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InetSocketAddress target;
    private final Clock clock;

    public SipOptionsProbe(InetSocketAddress target) {
        this(target, Clock.systemUTC());
    }

    SipOptionsProbe(InetSocketAddress target, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return target.getHostString() + ":" + target.getPort();
    }

    /**
     * Sends OPTIONS until two in a row were answered, or {@code timeout} passed.
     *
     * @return true when both were answered in time
     */
    public boolean awaitAnswers(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(target);
            for (int answered = 0; answered < ANSWERS_NEEDED; answered++) {
                if (!exchange(socket, deadline)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One OPTIONS transaction: sent, retransmitted, until a response with its Call-ID arrives or the deadline. */
    private boolean exchange(DatagramSocket socket, Instant deadline) throws IOException {
        String callId = random() + "@dialfleet-agent";
        byte[] request = options(socket, callId).getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[65_535];
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            socket.send(new DatagramPacket(request, request.length));
            Instant resend = clock.instant().plus(RETRANSMIT);
            while (true) {
                Duration wait = Duration.between(clock.instant(), resend.isBefore(deadline) ? resend : deadline);
                if (wait.toMillis() <= 0) {
                    break;
                }
                socket.setSoTimeout((int) wait.toMillis());
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                if (text.startsWith("SIP/2.0 ") && text.contains(callId)) {
                    return true;
                }
            }
        }
    }

    private String options(DatagramSocket socket, String callId) {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        String uri = "sip:" + address();
        return "OPTIONS " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK" + random() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:dialfleet-agent@" + local + ">;tag=" + random() + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "User-Agent: dialfleet-refresh-agent\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
