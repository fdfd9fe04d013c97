package io.dialfleet.agent.asterisk;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs CLI commands over AMI ({@code Action: Command}) on one persistent, logged-in connection. A stale connection
 * (Asterisk restarted, the socket was dropped) is replaced once per command; a timeout is not retried, because the
 * command may still be running. After a timeout or a "Permission denied" the session is dropped, and the next
 * command logs in afresh: an action that timed out keeps its session busy inside Asterisk, and a logged-in session
 * keeps the permissions it logged in with after {@code manager.conf} changed (docs/spec/asterisk-behaviour.md, "Recorded in
 * December 2026").
 *
 * <p>{@code Response: Success} is not a verdict: Asterisk says it for every command that exists, including refused
 * and failed reloads; only the output text carries the result (docs/spec/asterisk-behaviour.md, "Other AMI facts").
 *
 * <p>One class of about 290 lines on purpose: connecting, logging in, numbering actions, reading answers and dropping
 * the session after a timeout or a refusal all act on the one session it holds; split, each part would have to hand
 * that session around and agree on when it is dropped.
 */
public final class AmiCommandRunner implements AmiClient, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AmiCommandRunner.class);
    private static final String BANNER_PREFIX = "Asterisk Call Manager/";
    private static final String COMMAND_OUTPUT_FOLLOWS = "Command output follows";

    private final AmiSettings settings;
    private long lastActionId;
    private Connection connection;

    public AmiCommandRunner(AmiSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized CommandOutput run(AsteriskCommand command) {
        return withReconnect(() -> session().command(command));
    }

    @Override
    public synchronized void checkAccess() {
        session();
    }

    /**
     * Sends a read-only action and collects its answer; for a list action, every event up to
     * {@code EventList: Complete}. A stale connection is replaced once, as for commands.
     *
     * @throws AsteriskAccessException when the account lacks the action's {@code write=} class
     */
    @Override
    public synchronized AmiAnswer action(AmiAction action) {
        return withReconnect(() -> session().action(action));
    }

    /** Logs off and closes the connection, if there is one. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.logoff();
            disconnect();
        }
    }

    /**
     * Runs one exchange; a session that was already open and turns out lost is replaced once. Re-sending is
     * harmless: show commands and actions only read, and a reload still running answers "already in progress", which
     * the reloader waits out. A refused or timed-out exchange drops the session: Asterisk keeps a session's old
     * permissions, and a timed-out action would hold up the next one.
     */
    private <T> T withReconnect(Supplier<T> exchange) {
        boolean reused = connection != null;
        try {
            return dropOnFailure(exchange);
        } catch (AsteriskTimeoutException e) {
            throw e;
        } catch (AsteriskConnectionException e) {
            if (!reused) {
                throw e;
            }
            LOG.infof("AMI connection to %s was lost (%s); reconnecting", settings.address(), e.getMessage());
            return dropOnFailure(exchange);
        }
    }

    private <T> T dropOnFailure(Supplier<T> exchange) {
        try {
            return exchange.get();
        } catch (AsteriskConnectionException | AsteriskAccessException e) {
            disconnect();
            throw e;
        }
    }

    private Connection session() {
        if (connection == null) {
            connection = new Connection();
        }
        return connection;
    }

    private void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private String nextActionId() {
        return "dialfleet-" + (++lastActionId);
    }

    private Duration timeoutFor(AsteriskCommand command) {
        return command instanceof AsteriskCommand.ModuleReload ? settings.reloadTimeout() : settings.readTimeout();
    }

    /** One TCP session, logged in when constructed. */
    private final class Connection {
        private final Socket socket;
        private final AmiMessageReader reader;
        private final Writer writer;

        Connection() {
            socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(settings.host(), settings.port()),
                        millis(settings.connectTimeout()));
                socket.setSoTimeout(millis(settings.readTimeout()));
                reader = new AmiMessageReader(new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
                writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
                String banner = reader.readLine();
                if (!banner.startsWith(BANNER_PREFIX)) {
                    throw new AsteriskConnectionException(
                            "no Asterisk manager at " + settings.address() + " (it said '" + banner + "')");
                }
                login();
            } catch (IOException e) {
                close();
                throw transportFailure(e, "connecting");
            } catch (AsteriskException e) {
                close();
                throw e;
            }
        }

        private void login() throws IOException {
            String actionId = nextActionId();
            send("Action: Login", "ActionID: " + actionId, "Username: " + settings.username(),
                    "Secret: " + settings.secret(), "Events: off");
            AmiMessage answer = awaitResponse(actionId);
            if (!"Success".equalsIgnoreCase(answer.response())) {
                throw new AsteriskAccessException("AMI login as '" + settings.username() + "' at "
                        + settings.address() + " was refused: " + answer.message());
            }
        }

        CommandOutput command(AsteriskCommand command) {
            try {
                socket.setSoTimeout(millis(timeoutFor(command)));
                String actionId = nextActionId();
                send("Action: Command", "ActionID: " + actionId, "Command: " + command.text());
                return outputOf(command, awaitResponse(actionId));
            } catch (SocketTimeoutException e) {
                throw new AsteriskTimeoutException("no answer from AMI at " + settings.address() + " to '"
                        + command.text() + "' within " + timeoutFor(command), e);
            } catch (IOException e) {
                throw transportFailure(e, "running '" + command.text() + "'");
            }
        }

        AmiAnswer action(AmiAction action) {
            try {
                socket.setSoTimeout(millis(settings.readTimeout()));
                String actionId = nextActionId();
                List<String> lines = new ArrayList<>();
                lines.add("Action: " + action.name());
                lines.add("ActionID: " + actionId);
                lines.addAll(action.parameterLines());
                send(lines.toArray(String[]::new));
                AmiMessage response = awaitResponse(actionId);
                if ("Error".equalsIgnoreCase(response.response())
                        && "Permission denied".equalsIgnoreCase(response.message())) {
                    throw new AsteriskAccessException("AMI user '" + settings.username() + "' may not send "
                            + action + " (Permission denied): the AMI account needs write=" + action.permission()
                            + " in manager.conf (docs/operations.md, \"The AMI account\")");
                }
                if (!"start".equalsIgnoreCase(response.header("EventList"))) {
                    return new AmiAnswer(response, List.of());
                }
                List<AmiMessage> events = new ArrayList<>();
                while (true) {
                    AmiMessage event = reader.read();
                    String id = event.header("ActionID");
                    if (!event.isEvent() || (id != null && !id.equals(actionId))) {
                        continue;
                    }
                    if ("Complete".equalsIgnoreCase(event.header("EventList"))) {
                        return new AmiAnswer(response, events);
                    }
                    events.add(event);
                }
            } catch (SocketTimeoutException e) {
                throw new AsteriskTimeoutException("no answer from AMI at " + settings.address() + " to " + action
                        + " within " + settings.readTimeout(), e);
            } catch (IOException e) {
                throw transportFailure(e, "sending " + action);
            }
        }

        private CommandOutput outputOf(AsteriskCommand command, AmiMessage answer) {
            String response = answer.response();
            if ("Success".equalsIgnoreCase(response) || "Follows".equalsIgnoreCase(response)) {
                return new CommandOutput(answer.outputText());
            }
            if (!"Error".equalsIgnoreCase(response)) {
                throw new AsteriskConnectionException("unexpected AMI answer to '" + command.text() + "': Response: "
                        + response);
            }
            // The CLI ran and failed (No such command, no such context): the text says why; the caller judges it.
            if (!answer.output().isEmpty() || COMMAND_OUTPUT_FOLLOWS.equalsIgnoreCase(answer.message())) {
                return new CommandOutput(answer.outputText());
            }
            if ("Permission denied".equalsIgnoreCase(answer.message())) {
                throw new AsteriskAccessException("AMI user '" + settings.username() + "' may not run CLI commands"
                        + " (Permission denied): the AMI account needs write=command in manager.conf");
            }
            throw new AsteriskException("AMI refused '" + command.text() + "': " + answer.message());
        }

        /** Skips events and answers to other actions, e.g. interleaved {@code Event:} blocks. */
        private AmiMessage awaitResponse(String actionId) throws IOException {
            while (true) {
                AmiMessage message = reader.read();
                String id = message.header("ActionID");
                // Only one action is outstanding on this connection, so a response without ActionID is ours.
                if (!message.isEvent() && message.header("Response") != null && (id == null || id.equals(actionId))) {
                    return message;
                }
            }
        }

        void logoff() {
            try {
                socket.setSoTimeout(millis(settings.readTimeout()));
                send("Action: Logoff", "ActionID: " + nextActionId());
            } catch (IOException e) {
                LOG.debugf("AMI logoff from %s failed: %s", settings.address(), e.getMessage());
            }
        }

        private void send(String... lines) throws IOException {
            StringBuilder block = new StringBuilder();
            for (String line : lines) {
                block.append(line).append("\r\n");
            }
            writer.write(block.append("\r\n").toString());
            writer.flush();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debugf("closing the AMI socket to %s failed: %s", settings.address(), e.getMessage());
            }
        }

        private AsteriskConnectionException transportFailure(IOException e, String doing) {
            if (e instanceof SocketTimeoutException) {
                return new AsteriskTimeoutException("AMI at " + settings.address() + " did not answer in time while "
                        + doing, e);
            }
            return new AsteriskConnectionException("AMI at " + settings.address() + " failed while " + doing + ": "
                    + e, e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
