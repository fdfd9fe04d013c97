package io.dialfleet.realasterisk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Registers a webphone the way a browser's SIP stack does (RFC 7118): REGISTER with digest over a WebSocket with the
 * subprotocol {@code sip}, to PJSIP's {@code ws} transport on Asterisk's HTTP server ({@code /ws}).
 */
public final class WebSocketSipRegistrar {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final URI uri;

    /** @param httpPort Asterisk's HTTP server port on 127.0.0.1 */
    public WebSocketSipRegistrar(int httpPort) {
        this.uri = URI.create("ws://127.0.0.1:" + httpPort + "/ws");
    }

    public SipAnswer register(String user, String password) {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        WebSocket socket;
        try {
            socket = client.newWebSocketBuilder().subprotocols("sip").connectTimeout(TIMEOUT)
                    .buildAsync(uri, new Collector(messages)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return SipAnswer.none("WebSocket " + uri + " did not open: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SipAnswer.none("interrupted");
        }
        try {
            String callId = UUID.randomUUID().toString();
            String host = UUID.randomUUID().toString().substring(0, 8) + ".invalid";
            SipMessage answer = exchange(socket, messages, request(user, host, callId, 1, null));
            if (answer == null) {
                return SipAnswer.none("no response within " + TIMEOUT.toSeconds() + " s");
            }
            if (answer.status() == 401 || answer.status() == 407) {
                String header = answer.status() == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
                var challenge = DigestChallenge.md5Of(answer.headers(header));
                if (challenge.isEmpty()) {
                    return new SipAnswer(answer.status(), answer.reason() + " (no MD5 challenge)");
                }
                String authorization = (answer.status() == 401 ? "Authorization: " : "Proxy-Authorization: ")
                        + challenge.get().authorization(user, password, "REGISTER", registrar());
                answer = exchange(socket, messages, request(user, host, callId, 2, authorization));
                if (answer == null) {
                    return SipAnswer.none("no response to the authenticated REGISTER within " + TIMEOUT.toSeconds() + " s");
                }
            }
            return new SipAnswer(answer.status(), answer.reason());
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            socket.abort();
        }
    }

    private String registrar() {
        return "sip:" + uri.getHost();
    }

    private String request(String user, String host, String callId, int cseq, String authorization) {
        StringBuilder b = new StringBuilder("REGISTER ").append(registrar()).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/WS ").append(host).append(";branch=z9hG4bK").append(UUID.randomUUID()).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append('@').append(uri.getHost()).append(">;tag=").append(callId, 0, 8).append("\r\n")
                .append("To: <sip:").append(user).append('@').append(uri.getHost()).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" REGISTER\r\n")
                .append("Contact: <sip:").append(user).append('@').append(host).append(";transport=ws>\r\n")
                .append("Expires: 120\r\n");
        if (authorization != null) {
            b.append(authorization).append("\r\n");
        }
        return b.append("User-Agent: dialfleet-test-webphone\r\nContent-Length: 0\r\n\r\n").toString();
    }

    /** Sends a request and waits for its final response (provisional ones and requests from Asterisk are skipped). */
    private static SipMessage exchange(WebSocket socket, LinkedBlockingQueue<String> messages, String request) {
        socket.sendText(request, true).join();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String text = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
                if (text == null) {
                    return null;
                }
                SipMessage message = SipMessage.parse(text);
                if (message.status() >= 200) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Collects whole text messages. */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(LinkedBlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A SIP message received; {@code status} is 0 for a request. */
    private record SipMessage(int status, String reason, List<String> lines) {

        static SipMessage parse(String text) {
            List<String> lines = List.of(text.split("\r\n"));
            String first = lines.isEmpty() ? "" : lines.get(0);
            if (first.startsWith("SIP/2.0 ") && first.length() >= 11) {
                return new SipMessage(Integer.parseInt(first.substring(8, 11)), first.substring(11).strip(), lines);
            }
            return new SipMessage(0, first, lines);
        }

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }
    }
}
