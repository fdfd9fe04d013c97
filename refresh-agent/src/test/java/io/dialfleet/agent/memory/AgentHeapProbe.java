package io.dialfleet.agent.memory;

import com.sun.net.httpserver.HttpServer;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.infra.EmbeddedKafka;
import io.dialfleet.infra.KafkaOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged agent ({@code target/quarkus-app}) with given JVM options against a stand-in api-service that
 * serves N phones, and reports whether it got through the two runs that cost the most heap: the start-up run (every
 * file new) and a second run where every phone's secret changed (the old files read back, compared, kept as
 * {@code .prev}). The phones are SIP phones on a PJSIP server, the largest sections the renderer writes.
 *
 * <p>{@code main}: a sweep, printing one line per phones × heap (64 to 256 MiB). From the project root, after
 * {@code ./mvnw -B -o -q -pl refresh-agent -am test-compile package -DskipTests} and
 * {@code ./mvnw -B -o -q -pl refresh-agent dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * -Dmdep.includeScope=test}:
 * {@code java -cp "refresh-agent/target/test-classes:refresh-agent/target/classes:$(cat /tmp/cp.txt)"
 * io.dialfleet.agent.memory.AgentHeapProbe 5000 10000 15000 20000}. {@code AgentHeapIT} runs it once with the
 * image's options at the documented limit.
 */
public final class AgentHeapProbe {

    static final String SERVER_IP = "10.79.0.1";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /**
     * @param applied       both runs ended APPLIED
     * @param peakAfterGcMiB the most heap still in use after a collection (the live data), from the GC log
     * @param millis        start to the second run's end
     */
    record Result(int phones, List<String> jvmOptions, boolean applied, int peakAfterGcMiB, long millis, String end) {
    }

    private AgentHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of("refresh-agent/target/quarkus-app/quarkus-run.jar");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(KafkaOptions.defaults())) {
            System.out.println("| phones | -Xmx | both runs APPLIED | peak heap after GC | time | end |");
            System.out.println("|---|---|---|---|---|---|");
            for (String phones : args) {
                for (int heap : new int[] {64, 96, 128, 160, 192, 256}) {
                    List<String> options = List.of("-Xms8m", "-Xmx" + heap + "m", "-XX:+UseSerialGC", "-Xss512k",
                            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=96m", "-XX:+ExitOnOutOfMemoryError");
                    Result result = run(agentJar, options, Integer.parseInt(phones), kafka.bootstrapServers(),
                            Files.createTempDirectory("agent-heap"));
                    System.out.printf("| %,d | %d MiB | %s | %d MiB | %.1f s | %s |%n", result.phones(), heap,
                            result.applied() ? "yes" : "**no**", result.peakAfterGcMiB(), result.millis() / 1000.0,
                            result.end());
                }
            }
        }
    }

    /** One agent process through its two runs; the work directory holds its conf directory, log and GC log. */
    static Result run(Path agentJar, List<String> jvmOptions, int phones, String kafkaBootstrap, Path work)
            throws Exception {
        Path confDir = Files.createDirectories(work.resolve("conf"));
        Path log = work.resolve("agent.log");
        Path gcLog = work.resolve("gc.log");
        AtomicInteger fetches = new AtomicInteger();
        byte[] first = EventJson.write(snapshot(1, phones, "")).getBytes(StandardCharsets.UTF_8);
        byte[] second = EventJson.write(snapshot(2, phones, "x")).getBytes(StandardCharsets.UTF_8);
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/internal/v1/servers/" + SERVER_IP + "/peer-config", exchange -> {
            byte[] body = fetches.getAndIncrement() == 0 ? first : second;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dquarkus.http.port=" + freePort(), "-Dquarkus.http.host=127.0.0.1",
                "-Ddialfleet.agent.server-ip=" + SERVER_IP, "-Ddialfleet.agent.agent-id=heap-probe",
                "-Ddialfleet.agent.api.url=http://127.0.0.1:" + api.getAddress().getPort(),
                "-Ddialfleet.agent.api.token=probe", "-Ddialfleet.agent.conf.directory=" + confDir,
                "-Ddialfleet.agent.reload.mode=none", "-Ddialfleet.agent.resync-interval=PT1S",
                "-Dkafka.bootstrap.servers=" + kafkaBootstrap, "-jar", agentJar.toAbsolutePath().toString()));
        Instant started = Instant.now();
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String end = awaitSecondRun(agent, log);
            long millis = Duration.between(started, Instant.now()).toMillis();
            return new Result(phones, jvmOptions, end.equals("APPLIED"), peakAfterGc(gcLog), millis, end);
        } finally {
            agent.destroy();
            if (!agent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
            api.stop(0);
        }
    }

    private static String awaitSecondRun(Process agent, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(RUN_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("at revision 2: APPLIED")) {
                return "APPLIED";
            }
            if (text.contains("at revision 1: FAILED") || text.contains("at revision 2: FAILED")) {
                return "FAILED";
            }
            if (text.contains("OutOfMemoryError") || text.contains("java.lang.Error")) {
                return "OutOfMemoryError";
            }
            if (!agent.isAlive()) {
                return "exited with status " + agent.exitValue();
            }
            Thread.sleep(200);
        }
        return "no second run within " + RUN_LIMIT;
    }

    private static int peakAfterGc(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        int peak = 0;
        Matcher matcher = GC_LINE.matcher(Files.readString(gcLog));
        while (matcher.find()) {
            peak = Math.max(peak, Integer.parseInt(matcher.group(2)));
        }
        return peak;
    }

    /** Revision 2 changes every phone's secret, so every section of the peer file changes. */
    static PeerConfigSnapshot snapshot(long revision, int phones, String secretSuffix) {
        List<Phone> list = new ArrayList<>(phones);
        for (int i = 0; i < phones; i++) {
            String number = Integer.toString(100_000 + i);
            list.add(new Phone("cc" + number, number, number, "vm" + number, "SIP",
                    "Sx" + Integer.toHexString(i * 7919) + "q" + secretSuffix, "Agent " + number,
                    "312555" + String.format("%04d", i % 10_000), "default", "", "N", "", "",
                    i % 3 == 0 ? "" : "ulaw,alaw,g722", "0", "Y", "eastern", "", "Y", "", "", "N", 60));
        }
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("heap-probe", SERVER_IP, "21.4.1", "SrvSecret79", "Y"), "ulaw,alaw",
                List.of(), list);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
