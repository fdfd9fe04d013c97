package io.dialfleet.agent.vicidial;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the operator's command that makes VICIdial rebuild this server's configuration now (typically a wrapper
 * around {@code ADMIN_keepalive_ALL.pl}) instead of waiting for VICIdial's once-a-minute cron: an argument list, no
 * shell, killed (with its children) after a timeout. Its output goes to a temporary file that is deleted afterwards;
 * only the last line is kept, cut short, for the log of a failure. The agent's own configuration variables
 * ({@code DIALFLEET_*}, which hold the AMI secret and the internal token) are not passed on.
 */
public final class RebuildCommand {

    private static final Logger LOG = Logger.getLogger(RebuildCommand.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final int TAIL_BYTES = 4096;
    private static final int LAST_LINE_CHARS = 160;

    private final List<String> argv;
    private final Duration timeout;

    public RebuildCommand(List<String> argv, Duration timeout) {
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("dialfleet.agent.vicidial.rebuild-command names no program");
        }
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
    }

    /** The file name of the program, the only part of the command that is ever reported. */
    public String program() {
        Path name = Path.of(argv.get(0)).getFileName();
        return name == null ? argv.get(0) : name.toString();
    }

    public RebuildResult run() throws InterruptedException {
        long started = System.nanoTime();
        Path output = null;
        try {
            output = Files.createTempFile("dialfleet-rebuild", ".out");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("DIALFLEET_"));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return result(false, "could not start: " + e.getMessage(), started, "");
            }
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The agent is stopping: the command must not outlive it.
                kill(process);
                throw e;
            }
            if (!ended) {
                kill(process);
                return result(false, "killed after " + timeout, started, lastLine(output));
            }
            int status = process.exitValue();
            return result(status == 0, "exit " + status, started, lastLine(output));
        } catch (IOException e) {
            return result(false, "could not run: " + e.getMessage(), started, "");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s: %s", output, e.getMessage());
                }
            }
        }
    }

    private RebuildResult result(boolean ok, String ending, long started, String lastLine) {
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return new RebuildResult(program(), ok, ending, millis, lastLine);
    }

    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The last non-blank line of the output's tail, printable and cut short. */
    private static String lastLine(Path output) throws IOException {
        byte[] tail;
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            tail = new byte[(int) Math.min(length, TAIL_BYTES)];
            file.seek(length - tail.length);
            file.readFully(tail);
        }
        String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return printable(lines[i].strip());
            }
        }
        return "";
    }

    private static String printable(String line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(line.length(), LAST_LINE_CHARS); i++) {
            char c = line.charAt(i);
            text.append(Character.isISOControl(c) ? '?' : c);
        }
        return line.length() > LAST_LINE_CHARS ? text.append('…').toString() : text.toString();
    }
}
