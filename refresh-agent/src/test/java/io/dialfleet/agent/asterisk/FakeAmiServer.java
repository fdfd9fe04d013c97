package io.dialfleet.agent.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real AMI server on 127.0.0.1 (ephemeral port) in front of a {@link FakeAsterisk}, speaking the protocol as
 * recorded (docs/spec/asterisk-behaviour.md) and as Asterisk's manager.c writes it: banner, Login, Command (Response: Success,
 * or Error when the CLI command failed, then {@code Output:} lines), Logoff.
 *
 * <p>Modes: commands denied (Permission denied), events and other actions' responses interleaved before every
 * answer, the pre-14 {@code Response: Follows … --END COMMAND--} format, a delay before answering commands; and
 * dropping every open connection.
 */
public final class FakeAmiServer implements AutoCloseable {

    public static final String USERNAME = "dialfleet";
    public static final String SECRET = "s3cret-Never-Logged";

    private final FakeAsterisk asterisk;
    private final ServerSocket serverSocket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private volatile boolean denyCommands;
    private volatile boolean interleaveEvents;
    private volatile boolean legacyFormat;
    private volatile Duration answerDelay = Duration.ZERO;

    public FakeAmiServer(FakeAsterisk asterisk) throws IOException {
        this.asterisk = asterisk;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-ami-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The TCP port it listens on, on 127.0.0.1. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    AmiSettings settings() {
        return settings(SECRET);
    }

    AmiSettings settings(String secret) {
        return AmiSettings.of("127.0.0.1", serverSocket.getLocalPort(), USERNAME, secret);
    }

    /** Takes the account's {@code write=command} away; like Asterisk, sessions logged in before keep what they had. */
    void denyCommands() {
        denyCommands = true;
    }

    /** Gives the account {@code write=command} back, for sessions that log in from now on. */
    void allowCommands() {
        denyCommands = false;
    }

    void interleaveEvents() {
        interleaveEvents = true;
    }

    void legacyFormat() {
        legacyFormat = true;
    }

    void answerDelay(Duration delay) {
        answerDelay = delay;
    }

    /** Closes every open client connection, as an Asterisk restart would. */
    void dropConnections() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }

    /** Every action received, as {@code Action} plus, for a Command, its text: {@code "Login"}, {@code "Command: …"}. */
    List<String> actions() {
        return List.copyOf(actions);
    }

    long count(String action) {
        return actions.stream().filter(a -> a.equals(action) || a.startsWith(action + ":")).count();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                Thread session = new Thread(() -> serve(client), "fake-ami-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            write(out, "Asterisk Call Manager/13.0.0\r\n");
            boolean loggedIn = false;
            // A session keeps the permissions it logged in with (docs/spec/asterisk-behaviour.md, "Recorded in December 2026").
            boolean sessionDenied = false;
            Map<String, String> action;
            while ((action = readAction(in)) != null) {
                String name = action.getOrDefault("Action", "");
                String id = action.getOrDefault("ActionID", "");
                String idLine = id.isEmpty() ? "" : "ActionID: " + id + "\r\n";
                actions.add(name.equalsIgnoreCase("Command") ? "Command: " + action.get("Command") : name);
                if (name.equalsIgnoreCase("Login")) {
                    if (USERNAME.equals(action.get("Username")) && SECRET.equals(action.get("Secret"))) {
                        loggedIn = true;
                        sessionDenied = denyCommands;
                        write(out, "Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n");
                    } else {
                        write(out, "Response: Error\r\n" + idLine + "Message: Authentication failed\r\n\r\n");
                        return; // manager.c ends the session after a failed login
                    }
                } else if (name.equalsIgnoreCase("Logoff")) {
                    write(out, "Response: Goodbye\r\n" + idLine + "Message: Thanks for all the fish.\r\n\r\n");
                    return;
                } else if (!loggedIn) {
                    write(out, "Response: Error\r\n" + idLine + "Message: Authentication Required\r\n\r\n");
                } else if (name.equalsIgnoreCase("Command")) {
                    sleep(answerDelay);
                    if (interleaveEvents) {
                        write(out, "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n"
                                + "Response: Success\r\nActionID: someone-else-7\r\nMessage: Pong\r\n\r\n"
                                + "Event: PeerStatus\r\nPrivilege: system,all\r\nActionID: " + id
                                + "\r\nPeer: PJSIP/cc101\r\nPeerStatus: Unreachable\r\n\r\n");
                    }
                    write(out, sessionDenied
                            ? "Response: Error\r\n" + idLine + "Message: Permission denied\r\n\r\n"
                            : commandAnswer(idLine, asterisk.execute(action.get("Command"))));
                } else if (sessionDenied) {
                    write(out, "Response: Error\r\n" + idLine + "Message: Permission denied\r\n\r\n");
                } else {
                    write(out, actionAnswer(idLine, asterisk.action(name, action)));
                }
            }
        } catch (SocketException e) {
            // dropped by dropConnections() or by the client
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A non-Command action's answer as manager.c writes it: one response, or a list between start and Complete. */
    private static String actionAnswer(String idLine, FakeAsterisk.ActionAnswer answer) {
        if (answer.error() != null) {
            return "Response: Error\r\n" + idLine + "Message: " + answer.error() + "\r\n\r\n";
        }
        StringBuilder out = new StringBuilder("Response: Success\r\n").append(idLine);
        if (answer.events() == null) {
            answer.headers().forEach((key, value) -> out.append(key).append(": ").append(value).append("\r\n"));
            return out.append("\r\n").toString();
        }
        out.append("EventList: start\r\nMessage: ").append(answer.eventName()).append(" list will follow\r\n\r\n");
        for (Map<String, String> event : answer.events()) {
            out.append("Event: ").append(answer.eventName()).append("\r\n").append(idLine);
            event.forEach((key, value) -> out.append(key).append(": ").append(value).append("\r\n"));
            out.append("\r\n");
        }
        return out.append("Event: ").append(answer.eventName()).append("Complete\r\n").append(idLine)
                .append("EventList: Complete\r\nListItems: ").append(answer.events().size()).append("\r\n\r\n")
                .toString();
    }

    /** As manager.c action_command: the trailing newline trimmed, then one Output: header per line. */
    private String commandAnswer(String idLine, FakeAsterisk.Answer answer) {
        if (legacyFormat) {
            return "Response: Follows\r\nPrivilege: Command\r\n" + idLine + answer.text() + "--END COMMAND--\r\n\r\n";
        }
        String text = answer.text().endsWith("\n") ? answer.text().substring(0, answer.text().length() - 1)
                : answer.text();
        StringBuilder out = new StringBuilder("Response: " + (answer.cliSuccess() ? "Success" : "Error") + "\r\n")
                .append(idLine)
                .append("Message: Command output follows\r\n");
        for (String line : text.split("\n", -1)) {
            out.append("Output: ").append(line).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    private static Map<String, String> readAction(BufferedReader in) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!headers.isEmpty()) {
                    return headers;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
