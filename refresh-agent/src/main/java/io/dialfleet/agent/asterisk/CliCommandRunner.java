package io.dialfleet.agent.asterisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs CLI commands as {@code <asterisk> -rx "<command>"}: an argument list, no shell. The exit status is 0 whatever
 * the command did (docs/spec/asterisk-behaviour.md, "Other AMI facts"), so only a non-zero status means something (the binary
 * could not reach the running Asterisk); the output is the answer.
 *
 * <p>{@code asterisk -rx} gives up after 60 s with empty output while the command goes on running
 * (docs/spec/asterisk-behaviour.md, "How long a reload takes"). That, like our own timeout, is reported as
 * {@link AsteriskTimeoutException}: the result is unknown, not a failure.
 */
public final class CliCommandRunner implements CommandRunner {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Empty output after this long is {@code asterisk -rx} giving up (measured at 60.06 s), not a real answer. */
    static final Duration REMOTE_GIVE_UP = Duration.ofSeconds(55);

    /**
     * What {@code asterisk -rx} prints first on a host with only a loopback interface, before the command's own output
     * (docs/spec/asterisk-behaviour.md, "Recorded in December 2026"). It is not part of any answer.
     */
    static final String NO_EID_NOTICE =
            "No ethernet interface found for seeding global EID. You will have to set it manually.";

    private static final Logger LOG = Logger.getLogger(CliCommandRunner.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final Path asteriskBinary;
    private final Duration timeout;
    private final Duration remoteGiveUp;

    public CliCommandRunner(Path asteriskBinary) {
        this(asteriskBinary, DEFAULT_TIMEOUT);
    }

    public CliCommandRunner(Path asteriskBinary, Duration timeout) {
        this(asteriskBinary, timeout, REMOTE_GIVE_UP);
    }

    CliCommandRunner(Path asteriskBinary, Duration timeout, Duration remoteGiveUp) {
        this.asteriskBinary = Objects.requireNonNull(asteriskBinary, "asteriskBinary");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.remoteGiveUp = Objects.requireNonNull(remoteGiveUp, "remoteGiveUp");
    }

    @Override
    public CommandOutput run(AsteriskCommand command) {
        Path stdout = null;
        Path stderr = null;
        try {
            // Files, not pipes: nothing to drain while waiting, so a chatty command cannot block on a full pipe.
            stdout = Files.createTempFile("dialfleet-asterisk-rx", ".out");
            stderr = Files.createTempFile("dialfleet-asterisk-rx", ".err");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(List.of(asteriskBinary.toString(), "-rx", command.text()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AsteriskTimeoutException("'" + asteriskBinary + " -rx' gave no answer to '" + command.text()
                        + "' within " + timeout);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            String text = withoutEidNotice(Files.readString(stdout, StandardCharsets.UTF_8));
            if (process.exitValue() != 0) {
                String why = Files.readString(stderr, StandardCharsets.UTF_8).strip();
                throw new AsteriskConnectionException("'" + asteriskBinary + " -rx' exited with status "
                        + process.exitValue() + " for '" + command.text() + "': "
                        + (why.isEmpty() ? text.strip() : why));
            }
            if (text.isBlank() && elapsed.compareTo(remoteGiveUp) >= 0) {
                throw new AsteriskTimeoutException("'" + asteriskBinary + " -rx' gave up on '" + command.text()
                        + "' after " + elapsed.toSeconds() + " s with no answer; Asterisk may still be running it");
            }
            return new CommandOutput(text);
        } catch (IOException e) {
            throw new AsteriskConnectionException("could not run '" + asteriskBinary + " -rx': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsteriskConnectionException("interrupted while waiting for '" + asteriskBinary + " -rx'", e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    @Override
    public void checkAccess() {
        if (!Files.isExecutable(asteriskBinary)) {
            throw new AsteriskConnectionException("'" + asteriskBinary + "' (dialfleet.agent.reload.asterisk-binary)"
                    + " is not an executable file");
        }
    }

    private static String withoutEidNotice(String text) {
        if (!text.startsWith(NO_EID_NOTICE)) {
            return text;
        }
        String rest = text.substring(NO_EID_NOTICE.length());
        return rest.startsWith("\r\n") ? rest.substring(2) : rest.startsWith("\n") ? rest.substring(1) : rest;
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", file, e.getMessage());
        }
    }
}
