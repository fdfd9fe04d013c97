package io.dialfleet.agent.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays AMI answers recorded from a real Asterisk (test resources {@code asterisk/ami/<name>.raw}, with the
 * request that produced them in {@code <name>.sent}): a real socket on 127.0.0.1, the banner, a login that succeeds,
 * and for each action the recorded bytes with the request's ActionID put in. Nothing is made up: an action with no
 * recording closes the connection.
 */
final class RecordedAmiServer implements AutoCloseable {

    private static final String DIR = "/asterisk/ami/";

    private final ServerSocket serverSocket;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param recordings names of recordings in {@code asterisk/ami/}, without extension */
    RecordedAmiServer(String... recordings) throws IOException {
        for (String name : recordings) {
            answers.put(key(lines(read(name + ".sent"))), read(name + ".raw").getBytes(StandardCharsets.UTF_8));
        }
        serverSocket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "recorded-ami");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    AmiCommandRunner client() {
        return new AmiCommandRunner(AmiSettings.of("127.0.0.1", serverSocket.getLocalPort(), "dialfleet", "secret"));
    }

    /** Each request received, as {@code Action: X} plus its parameters, without ActionID. */
    List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                serve(socket);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        out.write("Asterisk Call Manager/7.0.3\r\n".getBytes(StandardCharsets.UTF_8));
        while (true) {
            List<String> block = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                block.add(line);
            }
            if (line == null) {
                return;
            }
            String actionId = block.stream().filter(l -> l.startsWith("ActionID: ")).findFirst()
                    .map(l -> l.substring("ActionID: ".length())).orElse("");
            if (block.contains("Action: Login")) {
                out.write(("Response: Success\r\nActionID: " + actionId + "\r\nMessage: Authentication accepted\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                continue;
            }
            String key = key(block);
            requests.add(key);
            byte[] answer = answers.get(key);
            if (answer == null) {
                return;
            }
            String text = new String(answer, StandardCharsets.UTF_8).replaceAll("ActionID: [^\r\n]*", "ActionID: " + actionId);
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String key(List<String> lines) {
        return String.join("\n", lines.stream().filter(l -> !l.isBlank() && !l.startsWith("ActionID:")).toList());
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    static String read(String resource) {
        try (InputStream in = RecordedAmiServer.class.getResourceAsStream(DIR + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + DIR + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
