package io.dialfleet.api.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test's PostgreSQL hung, as a frozen host or a lost network leaves it: its postmaster and every backend stopped
 * with SIGSTOP (connections are still accepted by the kernel and never answered), until {@link #close()} sends SIGCONT.
 */
public final class FrozenPostgres implements AutoCloseable {

    private final List<Long> pids;

    private FrozenPostgres(List<Long> pids) {
        this.pids = pids;
    }

    public static FrozenPostgres freeze() throws SQLException, IOException, InterruptedException {
        long postmaster = postmasterPid();
        // The postmaster first, so that it forks no backend the list below would miss.
        signal("-STOP", List.of(postmaster));
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> pids.add(child.pid()));
        FrozenPostgres frozen = new FrozenPostgres(pids);
        try {
            signal("-STOP", pids);
        } catch (IOException | RuntimeException e) {
            frozen.close();
            throw e;
        }
        return frozen;
    }

    /** How many processes are stopped: the postmaster, its background workers and the backends. */
    public int processes() {
        return pids.size();
    }

    @Override
    public void close() {
        try {
            signal("-CONT", pids);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("PostgreSQL may still be stopped: pids " + pids, e);
        }
    }

    /** A backend's parent is the postmaster. */
    private static long postmasterPid() throws SQLException {
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
        }
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            // A backend that ended meanwhile makes kill fail for that pid only; the others got the signal.
            String output = new String(kill.getInputStream().readAllBytes());
            if (!output.contains("No such process")) {
                throw new IOException("kill " + signal + " " + pids + " failed: " + output);
            }
        }
    }
}
