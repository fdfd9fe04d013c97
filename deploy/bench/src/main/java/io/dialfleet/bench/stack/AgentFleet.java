package io.dialfleet.bench.stack;

import io.dialfleet.bench.report.Progress;
import io.dialfleet.local.Ports;
import io.dialfleet.local.ServiceKind;
import io.dialfleet.local.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The simulated telco servers: one packaged refresh-agent process per server (deploy/local's ServiceProcess), with
 * reload mode {@code none} — it renders and installs the files and reports APPLIED without an Asterisk to reload —
 * and no periodic resync, so that nothing but the benchmark's own requests makes an agent work.
 */
public final class AgentFleet implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final String apiUrl;
    private final String internalToken;
    private final String kafkaBootstrap;
    private final Path directory;
    private final Map<String, String> extraProperties;
    private final Map<String, ServiceProcess> agents = new LinkedHashMap<>();

    public AgentFleet(String apiUrl, String internalToken, String kafkaBootstrap, Path directory,
            Map<String, String> extraProperties) {
        this.apiUrl = apiUrl;
        this.internalToken = internalToken;
        this.kafkaBootstrap = kafkaBootstrap;
        this.directory = directory;
        this.extraProperties = Map.copyOf(extraProperties);
    }

    /**
     * Leaves exactly these servers' agents running: stops the others and starts the missing ones side by side, each
     * from an empty conf directory, and waits until every one is ready (its start-up reconciliation ended).
     */
    public synchronized void runExactly(Collection<String> serverIps) {
        List<String> unwanted = agents.keySet().stream().filter(ip -> !serverIps.contains(ip)).toList();
        unwanted.forEach(ip -> agents.get(ip).terminate());
        unwanted.forEach(ip -> agents.remove(ip).close());
        List<ServiceProcess> started = new ArrayList<>();
        for (String serverIp : serverIps) {
            if (!agents.containsKey(serverIp)) {
                ServiceProcess agent = ServiceProcess.start("refresh-agent " + serverIp, ServiceKind.REFRESH_AGENT,
                        Ports.free(), properties(serverIp), directory.resolve("logs/agent-" + serverIp + ".log"));
                agents.put(serverIp, agent);
                started.add(agent);
            }
        }
        if (!started.isEmpty()) {
            Progress.say("starting %d refresh-agent process(es) ...", started.size());
        }
        started.forEach(agent -> agent.awaitReady(START_TIMEOUT));
    }

    public synchronized void stopAll() {
        runExactly(List.of());
    }

    public synchronized OptionalLong pid(String serverIp) {
        ServiceProcess agent = agents.get(serverIp);
        return agent == null ? OptionalLong.empty() : OptionalLong.of(agent.pid());
    }

    public synchronized List<Long> pids() {
        return agents.values().stream().map(ServiceProcess::pid).toList();
    }

    public synchronized int size() {
        return agents.size();
    }

    public static String agentId(String serverIp) {
        return "bench-agent-" + serverIp;
    }

    private Map<String, String> properties(String serverIp) {
        Path confDir = directory.resolve("agents").resolve(serverIp);
        Path stateFile = directory.resolve("agents").resolve(serverIp + ".state.json");
        reset(confDir, stateFile);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafkaBootstrap);
        properties.put("dialfleet.agent.server-ip", serverIp);
        properties.put("dialfleet.agent.agent-id", agentId(serverIp));
        properties.put("dialfleet.agent.api.url", apiUrl);
        properties.put("dialfleet.agent.api.token", internalToken);
        properties.put("dialfleet.agent.conf.directory", confDir.toString());
        properties.put("dialfleet.agent.state-file", stateFile.toString());
        properties.put("dialfleet.agent.reload.mode", "none");
        properties.put("dialfleet.agent.resync-interval", "0");
        properties.putAll(extraProperties);
        return properties;
    }

    private static void reset(Path confDir, Path stateFile) {
        try {
            if (Files.exists(confDir)) {
                try (Stream<Path> paths = Files.walk(confDir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.deleteIfExists(stateFile);
            Files.createDirectories(confDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + confDir, e);
        }
    }

    @Override
    public synchronized void close() {
        agents.values().forEach(ServiceProcess::terminate);
        agents.values().forEach(ServiceProcess::close);
        agents.clear();
    }
}
