package io.dialfleet.infra;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM killed with SIGKILL (or an IDE's hard stop) cannot run its shutdown hooks, and leaves its
 * postmaster running on a kept data directory: the next start would fail on the lock. Stop that
 * postmaster first, by the PID it wrote in postmaster.pid.
 */
final class StalePostmaster {

    private static final Logger LOG = System.getLogger(StalePostmaster.class.getName());

    private StalePostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // a stale pid file after a crash: PostgreSQL replaces it itself on start
        }
        LOG.log(Level.WARNING, "a PostgreSQL left running on {0} (pid {1}) is stopped first", dataDirectory,
                String.valueOf(postmaster.get().pid()));
        // SIGTERM is PostgreSQL's "smart" shutdown; the clients of the killed JVM are gone already.
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new InfraStartException("the PostgreSQL left running on " + dataDirectory + " did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("interrupted while stopping the PostgreSQL left on " + dataDirectory, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
