package io.dialfleet.local;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code deploy/local/run}.
 *
 * @param reloadCommand the {@code asterisk} binary (or a stand-in) for reload mode {@code cli}; empty: mode {@code none}
 * @param withoutAgent  servers of the seed that get no local agent: the user attaches an agent of their own
 * @param vicidial      also start a MariaDB with VICIdial's tables and turn the VICIdial bridge on
 */
public record LocalRunOptions(Path seed, int httpPort, Path directory, Optional<String> adminToken, boolean agents,
        Optional<String> reloadCommand, Set<String> withoutAgent, boolean vicidial) {

    static final String USAGE = """
            usage: deploy/local/run [--seed FILE] [--http-port N] [--dir DIR] [--admin-token T] [--no-agents]
                                    [--no-agent SERVER_IP]... [--reload-command PATH] [--vicidial]
              --seed FILE            fleet seed to load (default: deploy/local/demo-seed.json)
              --http-port N          api-service port (default: 8080)
              --dir DIR              run directory: data, logs, agents/<server_ip>/ (default: target/local-run)
              --admin-token T        operator token of the admin API (default: a random one, printed)
              --no-agents            start no refresh-agent
              --no-agent SERVER_IP   start none for this server (repeatable): attach your own agent and Asterisk
                                     with the settings in <dir>/run.env
              --reload-command PATH  agents reload with `PATH -rx '<command>'` (default: reload mode none, files only)
              --vicidial             also start a MariaDB with VICIdial's tables (a stand-in for a VICIdial cluster's
                                     MySQL) and turn the VICIdial bridge on: the seed's servers are written there and
                                     its phones mirrored; edits made there come back (the machine's mariadbd)
            """;

    /** @param root the project root, against which the defaults are resolved */
    public static LocalRunOptions parse(String[] args, Path root) {
        Path seed = root.resolve("deploy/local/demo-seed.json");
        int httpPort = 8080;
        Path directory = root.resolve("target/local-run");
        Optional<String> adminToken = Optional.empty();
        boolean agents = true;
        Optional<String> reloadCommand = Optional.empty();
        Set<String> withoutAgent = new LinkedHashSet<>();
        boolean vicidial = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--seed" -> seed = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--http-port" -> httpPort = port(value(args, ++i, option));
                case "--dir" -> directory = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--admin-token" -> adminToken = Optional.of(value(args, ++i, option));
                case "--no-agents" -> agents = false;
                case "--no-agent" -> withoutAgent.add(value(args, ++i, option));
                case "--reload-command" -> reloadCommand = Optional.of(value(args, ++i, option));
                case "--vicidial" -> vicidial = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new LocalRunOptions(seed, httpPort, directory, adminToken, agents, reloadCommand,
                Set.copyOf(withoutAgent), vicidial);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--http-port needs a port number, not " + text);
    }
}
