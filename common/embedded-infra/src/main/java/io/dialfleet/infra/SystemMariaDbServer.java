package io.dialfleet.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * MariaDB from the machine's own binaries (Debian's {@code mariadb-server}: {@code /usr/sbin/mariadbd} and
 * {@code mariadb-install-db}), as a child process of this JVM.
 *
 * <p>The server runs with VICIdial's settings: {@code utf8mb3_unicode_ci}, an empty (non-strict) {@code sql_mode},
 * UTC. It listens on 127.0.0.1 only. When the JVM runs as root, the server runs as root too ({@code --user=root}):
 * a test data directory need not be reachable by another OS user. Everything it writes (configuration, socket, pid,
 * error log) lives in the data directory.
 */
final class SystemMariaDbServer implements MariaDbServer {

    private static final Logger LOG = System.getLogger(SystemMariaDbServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String ROOT_USER = "root";
    private static final String CONFIG_FILE = "dialfleet-my.cnf";
    private static final String ERROR_LOG = "mariadb.err";

    private final Path binDirectory;
    private final Path dataDirectory;
    private final boolean root;
    private final int port;
    private final MariaDbOptions options;
    private final ChildServerShutdown shutdown;
    private Process process;

    private SystemMariaDbServer(Path binDirectory, Path dataDirectory, Path temporaryRoot, boolean root, int port,
            MariaDbOptions options) {
        this.binDirectory = binDirectory;
        this.dataDirectory = dataDirectory;
        this.root = root;
        this.port = port;
        this.options = options;
        this.shutdown = new ChildServerShutdown("dialfleet-mariadb-stop", this::stop, temporaryRoot);
    }

    static SystemMariaDbServer start(MariaDbOptions options) {
        Path binDirectory = options.binDirectory() != null ? options.binDirectory() : findBinDirectory();
        Path temporaryRoot = options.temporary() ? createTemporaryRoot(options.temporaryParent()) : null;
        Path dataDirectory = options.temporary() ? temporaryRoot.resolve("data") : options.dataDirectory();
        int port = options.port() == 0 ? FreePorts.pick() : options.port();
        SystemMariaDbServer server = new SystemMariaDbServer(binDirectory, dataDirectory, temporaryRoot,
                new UnixSystem().getUid() == 0, port, options);
        try {
            server.writeConfig();
            server.installIfNeeded();
            server.stopStaleServer();
            server.start();
            server.shutdown.registerHook();
            server.provision();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.log(Level.INFO, "MariaDB ({0}) listening on 127.0.0.1:{1}", binDirectory, String.valueOf(port));
        return server;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + options.database();
    }

    @Override
    public String user() {
        return options.user();
    }

    @Override
    public String password() {
        return options.password();
    }

    @Override
    public String rootUser() {
        return ROOT_USER;
    }

    /** Empty: {@code mariadb-install-db --auth-root-authentication-method=normal}; the server listens on loopback only. */
    @Override
    public String rootPassword() {
        return "";
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(binDirectory.resolve("mariadbd").toString());
        command.add("--defaults-file=" + dataDirectory.resolve(CONFIG_FILE));
        if (root) {
            command.add("--user=root");
        }
        try {
            Path output = dataDirectory.resolve("mariadb.out");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new InfraStartException("cannot run " + String.join(" ", command), e);
        }
        awaitConnections();
    }

    /** A clean shutdown (SIGTERM), as an operator's {@code systemctl stop} does; forced after 30 s. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "MariaDB did not stop within {0} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        shutdown.close();
    }

    private void writeConfig() {
        String config = String.join("\n",
                "[mysqld]",
                "datadir=" + dataDirectory,
                "port=" + port,
                "bind-address=127.0.0.1",
                "socket=" + dataDirectory.resolve("mariadb.sock"),
                "pid-file=" + dataDirectory.resolve("mariadb.pid"),
                "log-error=" + dataDirectory.resolve(ERROR_LOG),
                "skip-name-resolve",
                // VICIdial's installs: utf8 with utf8_unicode_ci, non-strict sql_mode (shared/conformance/README.md).
                "character-set-server=utf8mb3",
                "collation-server=utf8mb3_unicode_ci",
                "sql-mode=",
                "default-time-zone=+00:00",
                // Development data: small logs and buffers, no flush per commit, no performance schema.
                "innodb_log_file_size=8M",
                "innodb_buffer_pool_size=32M",
                "innodb_flush_log_at_trx_commit=0",
                "performance_schema=OFF",
                "");
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(dataDirectory.resolve(CONFIG_FILE), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MariaDB configuration in " + dataDirectory, e);
        }
    }

    private void installIfNeeded() {
        if (Files.isDirectory(dataDirectory.resolve("mysql"))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(installDb().toString(),
                "--defaults-file=" + dataDirectory.resolve(CONFIG_FILE),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (root) {
            command.add("--user=root");
        }
        NativeCommand.run(command, START_TIMEOUT);
    }

    /** A server left running on a kept data directory by a killed JVM holds its files and maybe our port. */
    private void stopStaleServer() {
        Path pidFile = dataDirectory.resolve("mariadb.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> stale = ProcessHandle.of(pid)
                    .filter(handle -> handle.info().command().orElse("").contains("mariadbd")
                            || handle.info().command().orElse("").contains("mysqld"));
            if (stale.isPresent()) {
                LOG.log(Level.WARNING, "stopping a MariaDB (pid {0}) left running on {1}", String.valueOf(pid),
                        dataDirectory);
                stale.get().destroy();
                stale.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.DEBUG, "unreadable pid file " + pidFile, e);
        } catch (Exception e) {
            throw new InfraStartException("cannot stop the MariaDB left running on " + dataDirectory, e);
        }
    }

    private void awaitConnections() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new InfraStartException("MariaDB exited with code " + process.exitValue() + "; error log:\n"
                        + ServerOutput.tail(dataDirectory.resolve(ERROR_LOG)));
            }
            try (Connection ignored = rootConnection()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new InfraStartException("MariaDB did not accept connections within " + START_TIMEOUT.toSeconds()
                + " s; error log:\n" + ServerOutput.tail(dataDirectory.resolve(ERROR_LOG)), last);
    }

    /** The application's database and user, as a VICIdial install has them; idempotent for kept directories. */
    private void provision() {
        try (Connection connection = rootConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + options.database()
                    + "` DEFAULT CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
            for (String host : List.of("127.0.0.1", "localhost")) {
                String account = "'" + options.user() + "'@'" + host + "'";
                statement.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + options.password()
                        + "'");
                statement.execute("GRANT ALL PRIVILEGES ON `" + options.database() + "`.* TO " + account);
            }
        } catch (SQLException e) {
            throw new InfraStartException("cannot create the database " + options.database() + " and its user", e);
        }
    }

    private Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=1000", ROOT_USER,
                rootPassword());
    }

    private Path installDb() {
        return Stream.of(binDirectory.resolve("mariadb-install-db"), binDirectory.resolve("mysql_install_db"),
                        Paths.get("/usr/bin/mariadb-install-db"), Paths.get("/usr/bin/mysql_install_db"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new InfraStartException("no mariadb-install-db next to " + binDirectory
                        + " nor in /usr/bin"));
    }

    static Path findBinDirectory() {
        List<Path> candidates = new ArrayList<>(List.of(Paths.get("/usr/sbin"), Paths.get("/usr/bin"),
                Paths.get("/usr/local/mysql/bin")));
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Paths.get(entry));
            }
        }
        return candidates.stream()
                .filter(directory -> Files.isExecutable(directory.resolve("mariadbd")))
                .findFirst()
                .orElseThrow(() -> new InfraStartException("no MariaDB server binaries found (looked for mariadbd in "
                        + "/usr/sbin, /usr/bin and the PATH); install e.g. Debian's mariadb-server package or set "
                        + InfraSettings.MARIADB_BIN_DIR));
    }

    private static Path createTemporaryRoot(Path parent) {
        if (parent == null) {
            return Directories.createTemporary("dialfleet-mariadb");
        }
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent.toAbsolutePath(), "dialfleet-mariadb");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory in " + parent, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("interrupted while waiting for MariaDB", e);
        }
    }
}
