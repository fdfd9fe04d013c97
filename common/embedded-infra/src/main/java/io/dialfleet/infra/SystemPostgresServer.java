package io.dialfleet.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL from the machine's own binaries (Debian's /usr/lib/postgresql/N/bin, RHEL's
 * /usr/pgsql-N/bin, or initdb on the PATH), for machines where zonky's binaries cannot run.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM is root every command runs as the OS user
 * {@code postgres} ({@code runuser -u postgres --}, which Debian's packages create), and the data
 * directory is given to that user. The server is started with pg_ctl, which waits until it accepts
 * connections; {@link #close()} stops it with {@code pg_ctl stop -m fast} and waits for it to exit.
 */
final class SystemPostgresServer implements PostgresServer {

    private static final Logger LOG = System.getLogger(SystemPostgresServer.class.getName());
    private static final String OS_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern VERSION_DIRECTORY = Pattern.compile("(?:postgresql/|pgsql-)(\\d+)");

    private final Path binDirectory;
    private final Path dataDirectory;
    private final List<String> runAs;
    private final PostgresAddress address;
    private final ChildServerShutdown shutdown;

    private SystemPostgresServer(Path binDirectory, Path dataDirectory, Path temporaryRoot, List<String> runAs,
            PostgresAddress address) {
        this.binDirectory = binDirectory;
        this.dataDirectory = dataDirectory;
        this.runAs = runAs;
        this.address = address;
        this.shutdown = new ChildServerShutdown("dialfleet-postgres-stop", this::stop, temporaryRoot);
    }

    static SystemPostgresServer start(PostgresOptions options) {
        Path binDirectory = options.binDirectory() != null ? options.binDirectory() : findBinDirectory();
        boolean root = new UnixSystem().getUid() == 0;
        List<String> runAs = root ? List.of(runuser(), "-u", OS_USER, "--") : List.of();
        Path temporaryRoot = options.temporary() ? Directories.createTemporary("dialfleet-pg") : null;
        Path dataDirectory = options.temporary() ? temporaryRoot.resolve("data") : options.dataDirectory();
        if (root) {
            giveToPostgresUser(temporaryRoot != null ? temporaryRoot : dataDirectory);
        }
        int port = options.port() == 0 ? FreePorts.pick() : options.port();
        PostgresAddress address = new PostgresAddress("127.0.0.1", port, options.database(), options.user(),
                options.password());
        SystemPostgresServer server = new SystemPostgresServer(binDirectory, dataDirectory, temporaryRoot, runAs,
                address);
        try {
            server.initdbIfNeeded();
            StalePostmaster.stopIfRunning(dataDirectory);
            server.pgCtlStart(port, options.durability());
            server.shutdown.registerHook();
            ApplicationDatabase.provision(port, SUPERUSER, options);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.log(Level.INFO, "PostgreSQL ({0}) listening on 127.0.0.1:{1}", binDirectory, String.valueOf(port));
        return server;
    }

    @Override
    public PostgresAddress address() {
        return address;
    }

    @Override
    public PostgresKind kind() {
        return PostgresKind.SYSTEM;
    }

    @Override
    public void close() {
        shutdown.close();
    }

    private void stop() {
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            return;
        }
        try {
            pgCtl("-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", String.valueOf(STOP_TIMEOUT.toSeconds()),
                    "stop");
        } catch (InfraStartException e) {
            LOG.log(Level.WARNING, "pg_ctl stop -m fast failed, stopping with -m immediate", e);
            pgCtl("-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
        }
    }

    private void initdbIfNeeded() {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        // -A trust: the cluster listens on 127.0.0.1 only, and the setup connects as superuser without a password.
        // -N: no fsync of the new files, as for the running server (development data).
        command(binDirectory.resolve("initdb"), "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "-N");
    }

    private void pgCtlStart(int port, PostgresDurability durability) {
        StringBuilder serverOptions = new StringBuilder("-p ").append(port);
        PostgresServerSettings.all(durability).forEach((key, value) -> serverOptions.append(" -c ").append(key).append('=')
                .append(value));
        Path serverLog = dataDirectory.resolve("dialfleet-postgres.log");
        try {
            pgCtl("-D", dataDirectory.toString(), "-l", serverLog.toString(), "-o", serverOptions.toString(), "-w",
                    "-t", String.valueOf(START_TIMEOUT.toSeconds()), "start");
        } catch (InfraStartException e) {
            throw new InfraStartException(e.getMessage() + "\nserver log " + serverLog + ":\n"
                    + ServerOutput.tail(serverLog), e);
        }
    }

    private void pgCtl(String... arguments) {
        command(binDirectory.resolve("pg_ctl"), arguments);
    }

    private void command(Path executable, String... arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        NativeCommand.run(command, START_TIMEOUT.plusSeconds(10));
    }

    private static void giveToPostgresUser(Path directory) {
        try {
            Files.createDirectories(directory);
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(OS_USER);
            Directories.chownRecursively(directory, postgres);
        } catch (UserPrincipalNotFoundException e) {
            throw new InfraStartException("running as root needs an OS user '" + OS_USER
                    + "' to run PostgreSQL (Debian's postgresql package creates it)", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InfraStartException("cannot give " + directory + " to user " + OS_USER
                    + " (it must also be able to reach it through the parent directories)", e);
        }
    }

    private static String runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                .filter(path -> Files.isExecutable(Paths.get(path)))
                .findFirst()
                .orElseThrow(() -> new InfraStartException("running PostgreSQL as root needs runuser (util-linux)"));
    }

    /** The newest installed major version wins; then initdb on the PATH. */
    static Path findBinDirectory() {
        List<Path> candidates = new ArrayList<>();
        addBinDirectories(Paths.get("/usr/lib/postgresql"), "*", candidates); // Debian, Ubuntu
        addBinDirectories(Paths.get("/usr"), "pgsql-*", candidates); // RHEL, PGDG rpms
        return candidates.stream()
                .max(Comparator.comparingInt(SystemPostgresServer::majorVersion))
                .or(SystemPostgresServer::initdbOnPath)
                .orElseThrow(() -> new InfraStartException("no PostgreSQL binaries found (looked in "
                        + "/usr/lib/postgresql/*/bin, /usr/pgsql-*/bin and the PATH); install e.g. Debian's postgresql "
                        + "package or set dialfleet.infra.postgres.bin-dir"));
    }

    private static void addBinDirectories(Path parent, String glob, List<Path> candidates) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, glob)) {
            for (Path child : children) {
                if (Files.isExecutable(child.resolve("bin/initdb"))) {
                    candidates.add(child.resolve("bin"));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot list " + parent, e);
        }
    }

    private static int majorVersion(Path binDirectory) {
        Matcher matcher = VERSION_DIRECTORY.matcher(binDirectory.toString());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static Optional<Path> initdbOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Paths::get)
                .filter(directory -> Files.isExecutable(directory.resolve("initdb"))
                        && Files.isExecutable(directory.resolve("pg_ctl")))
                .findFirst();
    }
}
