package io.dialfleet.realasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal IAX2 client that registers a peer (RFC 5456 §6.2): REGREQ with the user name; a REGAUTH with an MD5
 * challenge is answered with {@code md5(challenge + secret)}; the answer is REGACK or REGREJ. It sends no call token:
 * dialfleet's peers have {@code requirecalltoken=no}, and a name Asterisk does not know is rejected outright.
 */
public final class Iax2Registrar {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int REFRESH_SECONDS = 60;
    private static final int MD5_METHOD = 1 << 1;

    private final InetSocketAddress asterisk;

    /** @param asteriskPort Asterisk's IAX2 UDP port on 127.0.0.1 */
    public Iax2Registrar(int asteriskPort) {
        this.asterisk = new InetSocketAddress(InetAddress.getLoopbackAddress(), asteriskPort);
    }

    public Iax2Answer register(String user, String secret) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return exchange(socket, user, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("IAX2 registration of " + user + " failed", e);
        }
    }

    private Iax2Answer exchange(DatagramSocket socket, String user, String secret) throws IOException {
        int call = ThreadLocalRandom.current().nextInt(1, 0x7fff);
        long started = System.currentTimeMillis();
        send(socket, new Iax2Frame(call, 0, 0, 0, 0, Iax2Frame.REGREQ, request(user, null)));
        int outSeq = 1;
        boolean answeredChallenge = false;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            Iax2Frame frame = Iax2Frame.decode(packet.getData(), packet.getLength());
            if (frame == null || frame.destinationCall() != call) {
                continue;
            }
            int inSeq = (frame.outSeq() + 1) & 0xff;
            switch (frame.subclass()) {
                case Iax2Frame.REGAUTH -> {
                    if (answeredChallenge) {
                        return new Iax2Answer(Iax2Answer.Kind.REGREJ, true, "challenged twice");
                    }
                    String challenge = frame.text(Iax2Frame.IE_CHALLENGE);
                    byte[] methods = frame.elements().get(Iax2Frame.IE_AUTHMETHODS);
                    int method = methods == null || methods.length < 2 ? 0 : ((methods[0] & 0xff) << 8) | (methods[1] & 0xff);
                    if (challenge == null || (method & MD5_METHOD) == 0) {
                        return new Iax2Answer(Iax2Answer.Kind.REGREJ, true, "server offers no MD5 challenge");
                    }
                    answeredChallenge = true;
                    send(socket, new Iax2Frame(call, frame.sourceCall(), System.currentTimeMillis() - started,
                            outSeq++, inSeq, Iax2Frame.REGREQ, request(user, Md5.hex(challenge + secret))));
                }
                case Iax2Frame.REGACK, Iax2Frame.REGREJ -> {
                    send(socket, new Iax2Frame(call, frame.sourceCall(), frame.timestamp(), outSeq, inSeq,
                            Iax2Frame.ACK, Map.of()));
                    Iax2Answer.Kind kind = frame.subclass() == Iax2Frame.REGACK ? Iax2Answer.Kind.REGACK
                            : Iax2Answer.Kind.REGREJ;
                    return new Iax2Answer(kind, answeredChallenge, frame.text(Iax2Frame.IE_CAUSE));
                }
                default -> {
                    // ACKs and anything else: keep waiting for the answer
                }
            }
        }
        return new Iax2Answer(Iax2Answer.Kind.NO_ANSWER, answeredChallenge, "no answer within " + TIMEOUT.toSeconds() + " s");
    }

    private static Map<Integer, byte[]> request(String user, String md5Result) {
        Map<Integer, byte[]> elements = new LinkedHashMap<>();
        elements.put(Iax2Frame.IE_USERNAME, Iax2Frame.text(user));
        if (md5Result != null) {
            elements.put(Iax2Frame.IE_MD5_RESULT, Iax2Frame.text(md5Result));
        }
        elements.put(Iax2Frame.IE_REFRESH, Iax2Frame.shortValue(REFRESH_SECONDS));
        return elements;
    }

    private void send(DatagramSocket socket, Iax2Frame frame) throws IOException {
        byte[] data = frame.encode();
        socket.send(new DatagramPacket(data, data.length, asterisk));
    }
}
