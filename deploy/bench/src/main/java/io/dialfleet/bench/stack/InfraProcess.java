package io.dialfleet.bench.stack;

import io.dialfleet.local.ServiceProcess;

import io.dialfleet.infra.InfraAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL and Kafka for a benchmark, in a JVM of their own ({@code io.dialfleet.infra.InfraMain}, or
 * {@link DurableInfraMain} for production durability), so the embedded broker's CPU is not mixed with the load
 * generator's and each is reported apart.
 */
public final class InfraProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String KAFKA_LINE = "DIALFLEET_KAFKA_BOOTSTRAP=";

    private final Process process;
    private final InfraAddresses addresses;

    private InfraProcess(Process process, InfraAddresses addresses) {
        this.process = process;
        this.addresses = addresses;
    }

    /**
     * @param dataDirectory where the production-durability PostgreSQL keeps its data (on a disk, so that fsync means
     *                      something); the development one uses a temporary directory, as every test does
     */
    public static InfraProcess start(Durability durability, Path log, Path dataDirectory) {
        String main = durability == Durability.DEVELOPMENT ? "io.dialfleet.infra.InfraMain" : DurableInfraMain.class.getName();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Duser.timezone=UTC",
                "-D" + DurableInfraMain.DATA_DIRECTORY + "=" + dataDirectory,
                "-cp", System.getProperty("java.class.path"), main);
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(log);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the infrastructure JVM", e);
        }
        try {
            return new InfraProcess(process, awaitAddresses(process, log));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** InfraMain prints {@code NAME=value} lines once both servers answer; the Kafka line comes last. */
    private static InfraAddresses awaitAddresses(Process process, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = read(log);
            if (lines.stream().anyMatch(line -> line.startsWith(KAFKA_LINE))) {
                Map<String, String> values = new HashMap<>();
                for (String line : lines) {
                    int equals = line.indexOf('=');
                    if (line.startsWith("DIALFLEET_") && equals > 0) {
                        values.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
                return new InfraAddresses(values.get("DIALFLEET_JDBC_URL"), values.get("DIALFLEET_REACTIVE_URL"),
                        values.get("DIALFLEET_DATABASE_URL"), values.get("DIALFLEET_DB_USER"),
                        values.get("DIALFLEET_DB_PASSWORD"), values.get("DIALFLEET_KAFKA_BOOTSTRAP"));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the infrastructure JVM exited with status " + process.exitValue()
                        + ":\n" + tail(lines));
            }
            sleep(200);
        }
        throw new IllegalStateException("PostgreSQL and Kafka were not up within " + START_TIMEOUT + ":\n" + tail(read(log)));
    }

    public InfraAddresses addresses() {
        return addresses;
    }

    /** The JVM that hosts the Kafka broker (PostgreSQL runs in processes of its own). */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM: InfraMain's shutdown hook stops Kafka and PostgreSQL and deletes their temporary data. */
    @Override
    public void close() {
        ServiceProcess.stop(process, STOP_GRACE);
    }

    private static List<String> read(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
