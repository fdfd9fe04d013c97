package io.dialfleet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One dialfleet service (a Quarkus runner jar) as a child process: started with its configuration as system
 * properties and its secrets in its environment, its output in a log file, ready when its readiness check answers UP, stopped with SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * @param kind       which service: its runner jar and JVM options
     * @param properties Quarkus configuration: passed as {@code -D} options, except the secrets (tokens, passwords),
     *                   which go into the child's environment, readable by its owner only, never onto a command line
     *                   that {@code ps} shows to every user
     */
    public static ServiceProcess start(String name, ServiceKind kind, int httpPort, Map<String, String> properties,
            Path log) {
        Path runnerJar = kind.runnerJar();
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException(name + ": " + runnerJar + " does not exist; build it with ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(kind.jvmOptions());
        command.add("-Dquarkus.http.port=" + httpPort);
        Map<String, String> environment = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (isSecret(key)) {
                environment.put(environmentName(key), value);
            } else {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(runnerJar.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(name, process, log, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** A key whose value must not appear on a command line: a token, a password, a secret, an agent's credential. */
    static boolean isSecret(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.endsWith("token") || name.endsWith("password") || name.endsWith("secret")
                || name.endsWith("credential");
    }

    /** The MicroProfile Config name of a key in the environment: upper case, every other character than A-Z0-9 a {@code _}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail when the process dies or time runs out. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // Still starting: try again below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail());
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the service's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM without waiting, so that several services can stop at the same time. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if the service has not stopped within the grace period. */
    @Override
    public void close() {
        stop(process, STOP_GRACE);
    }

    /** Stops any child process: SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
