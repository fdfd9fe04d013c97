package io.dialfleet.realasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Asterisk of one line, built by {@code deploy/asterisk/build}, configured as an operator following
 * docs/operations.md would, listening on free ports of 127.0.0.1 and run as a child process from a fresh folder.
 * Start one per test class ({@code @BeforeAll}) and close it in {@code @AfterAll}; a JVM shutdown hook stops it too.
 * Where no Asterisk can be had the calling test is skipped (a JUnit assumption) or, with
 * {@code DIALFLEET_REAL_ASTERISK=required}, fails.
 */
public final class RealAsterisk implements AutoCloseable {

    /** The AMI account's name in {@code manager.conf}, as docs/operations.md names it. */
    public static final String AMI_USERNAME = "dialfleet";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final AsteriskLine line;
    private final RunLayout layout;
    private final Ports ports;
    private final AmiAccount ami;
    private final Process process;
    private final Thread shutdownHook;

    private RealAsterisk(AsteriskLine line, RunLayout layout, Ports ports, AmiAccount ami, Process process) {
        this.line = line;
        this.layout = layout;
        this.ports = ports;
        this.ami = ami;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "real-asterisk-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code line} with the agent's documented AMI permissions ({@link AmiAccount#agentWrite}). */
    public static RealAsterisk start(AsteriskLine line, Path runs) {
        return start(line, runs, AmiAccount.AGENT_READ, AmiAccount.agentWrite(line));
    }

    /**
     * @param runs  where the run folder is made (a test's {@code target/}); each start gets a fresh one
     * @param read  the AMI account's {@code read =} permissions
     * @param write the AMI account's {@code write =} permissions
     */
    public static RealAsterisk start(AsteriskLine line, Path runs, String read, String write) {
        Path prefix;
        try {
            prefix = AsteriskBuild.prefix(line);
        } catch (AsteriskUnavailable e) {
            throw SuiteRequirement.skipOrFail(e.getMessage());
        }
        Path root;
        try {
            Files.createDirectories(runs);
            root = Files.createTempDirectory(runs.toAbsolutePath(), line.buildName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + runs, e);
        }
        RunLayout layout = RunLayout.create(root, prefix);
        Ports ports = Ports.pick();
        AmiAccount ami = new AmiAccount("127.0.0.1", ports.ami(), AMI_USERNAME, randomSecret(), read, write);
        new OperatorConfig(line, ports, ami).write(layout);
        Process process;
        try {
            process = new ProcessBuilder(layout.binary().toString(), "-f", "-n", "-C", layout.asteriskConf().toString())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(layout.consoleLog().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw SuiteRequirement.skipOrFail("cannot start " + layout.binary() + ": " + e.getMessage());
        }
        RealAsterisk asterisk = new RealAsterisk(line, layout, ports, ami, process);
        asterisk.awaitAmi();
        return asterisk;
    }

    public AsteriskLine line() {
        return line;
    }

    public Ports ports() {
        return ports;
    }

    /** The agent's AMI account (host 127.0.0.1). */
    public AmiAccount ami() {
        return ami;
    }

    /** Asterisk's configuration directory, where the agent writes its {@code dialfleet-*.conf} files. */
    public Path confDirectory() {
        return layout.confDirectory();
    }

    /** Asterisk's {@code messages.log}: notices, warnings, errors and verbose messages up to level 3. */
    public Path messagesLog() {
        return layout.messagesLog();
    }

    /** Asterisk's console output. */
    public Path consoleLog() {
        return layout.consoleLog();
    }

    /** The binary the agent's {@code cli} mode would run. */
    public Path binary() {
        return layout.binary();
    }

    /** {@code asterisk.conf} of this run: {@code asterisk -C <it> -rx …} reaches this Asterisk's control socket. */
    public Path asteriskConf() {
        return layout.asteriskConf();
    }

    /** The text of {@code asterisk -rx <command>} through this run's control socket. */
    public String cli(String command) {
        try {
            Process rx = new ProcessBuilder(layout.binary().toString(), "-C", layout.asteriskConf().toString(),
                    "-rx", command).redirectErrorStream(true).start();
            byte[] output = rx.getInputStream().readAllBytes();
            if (!rx.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                rx.destroyForcibly();
                throw new IllegalStateException("asterisk -rx '" + command + "' did not end within " + CLI_TIMEOUT);
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("asterisk -rx '" + command + "' failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during asterisk -rx '" + command + "'", e);
        }
    }

    /** The last {@code lines} lines of {@code messages.log}, for failure messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(layout.messagesLog())) {
                return "";
            }
            List<String> all = Files.readAllLines(layout.messagesLog(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + layout.messagesLog() + ": " + e.getMessage() + ")";
        }
    }

    /** {@code core stop now}, then a kill when Asterisk has not ended within 10 s. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            cli("core stop now");
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (RuntimeException e) {
            process.destroyForcibly();
        }
    }

    private void awaitAmi() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Asterisk (" + line.buildName() + ") ended with status "
                        + process.exitValue() + " before AMI answered; its output:\n" + consoleTail());
            }
            if (AmiLogin.succeeds(ami)) {
                // AMI answers before the modules are loaded; until then a reload is only queued.
                cli("core waitfullybooted");
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while Asterisk started", e);
            }
        }
        close();
        throw new IllegalStateException("Asterisk (" + line.buildName() + ") did not answer an AMI login within "
                + START_TIMEOUT + "; its output:\n" + consoleTail());
    }

    private String consoleTail() {
        try {
            List<String> all = Files.readAllLines(layout.consoleLog(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(cannot read " + layout.consoleLog() + ")";
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
