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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One dialfleet service (a Quarkus runner jar) as a child process: started with its configuration as system
 * properties, its output in a log file, ready when its readiness check answers UP, stopped with SIGTERM.
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
     * @param properties Quarkus configuration, passed as {@code -D} options (never on a command line a shell sees)
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
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(name, process, log, httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
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
