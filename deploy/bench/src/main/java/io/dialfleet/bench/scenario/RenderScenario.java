package io.dialfleet.bench.scenario;

import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.bench.BenchOptions;
import io.dialfleet.bench.BenchOptions.RenderOptions;
import io.dialfleet.bench.Scenario;
import io.dialfleet.bench.fleet.FleetSeed;
import io.dialfleet.bench.fleet.PhoneGenerator;
import io.dialfleet.bench.fleet.TelcoServer;
import io.dialfleet.bench.measure.ResidentMemory;
import io.dialfleet.bench.render.RenderBenchmark;
import io.dialfleet.bench.render.RenderCase;
import io.dialfleet.bench.render.RenderInstall;
import io.dialfleet.bench.render.RenderInstallBenchmark;
import io.dialfleet.bench.render.SyntheticServer;
import io.dialfleet.bench.report.Figures;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.bench.report.ScenarioReport;
import io.dialfleet.bench.report.Table;
import io.dialfleet.bench.scenario.RefreshTimer.RefreshRun;
import io.dialfleet.bench.stack.AgentFleet;
import io.dialfleet.bench.stack.BenchStack;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.local.ServiceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * Scenario 4: the renderer under JMH (each protocol/stack at each size), render + install of a large server, and the
 * resident memory of an agent process holding a large server.
 */
public final class RenderScenario {

    private static final double TARGET_INSTALL_MS = 100;
    private static final double TARGET_RSS_MIB = 128;
    private static final String AGENT_JVM = String.join(" ", ServiceKind.REFRESH_AGENT.jvmOptions());
    private static final int QUICK_WARMUP = 3;
    private static final int QUICK_RUNS = 10;
    private static final int FORCED_REFRESHES = 3;

    private final BenchStack stack;
    private final BenchOptions options;
    private final RenderOptions render;

    /** One timing: mean and error (JMH's 99.9 % interval; 0 for the quick loop), in ms per operation. */
    public record Timing(String operation, String renderCase, int peers, double meanMs, double errorMs) {
    }

    /**
     * The agent holding a large server.
     *
     * @param settledRssMiB VmRSS after the start-up APPLIED report, the process idle
     * @param refreshPeakMiB highest VmRSS sampled (every 20 ms) during the forced refreshes
     * @param highWaterMiB  VmHWM: the most it was resident since it started
     * @param agentRunMs    the agent's own run time (fetch, render, validate, install) of each forced refresh
     */
    public record AgentMemory(int peers, double settledRssMiB, double refreshPeakMiB, double highWaterMiB,
            List<Long> agentRunMs, String startupOutcome) {
    }

    public record Results(String method, List<Timing> timings, String installFileSystem, AgentMemory memory) {
    }

    public RenderScenario(BenchStack stack, BenchOptions options) {
        this.stack = stack;
        this.options = options;
        this.render = options.render();
    }

    public ScenarioReport run() {
        // Idle agent JVMs of earlier scenarios would still take their share of the cores under JMH.
        stack.agentFleet().ifPresent(AgentFleet::stopAll);
        Path installParent = render.installDirectory().orElse(options.runDirectory().resolve("install"));
        try {
            Files.createDirectories(installParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + installParent, e);
        }
        List<Timing> timings = render.jmh() ? jmh(installParent) : quick(installParent);
        AgentMemory memory = agentMemory();
        return report(new Results(render.jmh() ? "JMH" : "quick loop (no JMH)", timings, fileSystem(installParent),
                memory));
    }

    // ---- timings ----

    private List<Timing> jmh(Path installParent) {
        Progress.say("JMH renderer benchmarks ...");
        List<Timing> timings = new ArrayList<>();
        Options renderOnly = base(RenderBenchmark.class)
                .param("peers", strings(render.peers()))
                .param("renderCase", names())
                .build();
        for (RunResult result : runJmh(renderOnly)) {
            timings.add(timing("render", result.getParams().getParam("renderCase"), result));
        }
        Options install = base(RenderInstallBenchmark.class)
                .param("peers", Integer.toString(render.installPeers()))
                .param("parent", installParent.toString())
                .build();
        for (RunResult result : runJmh(install)) {
            timings.add(timing("render + install", "mixed", result));
        }
        return timings;
    }

    private OptionsBuilder base(Class<?> benchmark) {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .param("seed", Long.toString(options.seed()))
                .forks(render.jmhForks())
                .warmupIterations(render.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(render.jmhIterationTime().toMillis()))
                .measurementIterations(render.jmhIterations())
                .measurementTime(TimeValue.milliseconds(render.jmhIterationTime().toMillis()))
                // The agent's heap: the renderer must fit where it runs.
                .jvmArgs(ServiceKind.REFRESH_AGENT.jvmOptions().toArray(String[]::new))
                .shouldFailOnError(true);
        return builder;
    }

    private static Collection<RunResult> runJmh(Options jmhOptions) {
        try {
            return new Runner(jmhOptions).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
    }

    private static Timing timing(String operation, String renderCase, RunResult result) {
        var primary = result.getPrimaryResult();
        double error = Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError();
        return new Timing(operation, renderCase, Integer.parseInt(result.getParams().getParam("peers")),
                primary.getScore(), error);
    }

    /** A few timed calls per case without JMH: enough to show the tool works, not a measurement to publish. */
    private List<Timing> quick(Path installParent) {
        List<Timing> timings = new ArrayList<>();
        PeerConfigRenderer renderer = new PeerConfigRenderer();
        for (RenderCase renderCase : RenderCase.values()) {
            for (int peers : render.peers()) {
                PeerConfigSnapshot snapshot = SyntheticServer.of(renderCase, peers, options.seed(), "bench");
                timings.add(new Timing("render", renderCase.name(), peers,
                        meanMillis(() -> renderer.render(snapshot, renderCase.stack())), 0));
            }
        }
        Path directory = temporaryDirectory(installParent);
        try {
            RenderInstall work = new RenderInstall(render.installPeers(), options.seed(), directory);
            timings.add(new Timing("render + install", "mixed", render.installPeers(),
                    meanMillis(work::renderAndInstall), 0));
        } finally {
            delete(directory);
        }
        return timings;
    }

    private static double meanMillis(Runnable operation) {
        for (int i = 0; i < QUICK_WARMUP; i++) {
            operation.run();
        }
        long began = System.nanoTime();
        for (int i = 0; i < QUICK_RUNS; i++) {
            operation.run();
        }
        return (System.nanoTime() - began) / 1e6 / QUICK_RUNS;
    }

    // ---- agent memory ----

    private AgentMemory agentMemory() {
        TelcoServer server = new TelcoServer("rss01", "10.79.0.1", TelcoServer.CHAN_SIP_VERSION);
        Progress.say("agent memory with %s peers: seeding and starting the agent ...",
                Figures.count(render.rssPeers()));
        stack.api().replaceFleet(FleetSeed.base(List.of(server)),
                new PhoneGenerator(options.seed()).fleetPhones(server, 1, 1, render.rssPeers()));
        AgentFleet fleet = stack.agents();
        fleet.stopAll();
        try (StatusWatch watch = new StatusWatch(stack.kafkaBootstrap())) {
            Duration timeout = Duration.ofMinutes(3);
            fleet.runExactly(List.of(server.serverIp()));
            List<ServerRefreshCompleted> startup = watch.awaitStartup(server.serverIp(), timeout);
            String startupOutcome = startup.isEmpty() ? "no report" : startup.get(0).outcome().name();
            if (startup.isEmpty() || startup.get(0).outcome() != RefreshOutcome.APPLIED) {
                throw new IllegalStateException("the agent's start-up reconciliation was " + startupOutcome);
            }
            long pid = fleet.pid(server.serverIp()).orElseThrow();
            Clock.sleep(Duration.ofSeconds(2));
            double settled = ResidentMemory.mib(ResidentMemory.of(pid).rssKiB());

            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(ResidentMemory.of(pid).rssKiB(), Math::max);
                    Clock.sleep(Duration.ofMillis(20));
                }
            }, "rss-sampler");
            sampler.start();
            List<Long> runs = new ArrayList<>();
            RefreshTimer timer = new RefreshTimer(stack.api(), watch);
            for (int i = 0; i < FORCED_REFRESHES; i++) {
                RefreshRun run = timer.serverRefresh(List.of(server.serverIp()), timeout);
                runs.addAll(run.agentMillis());
            }
            sampling.set(false);
            join(sampler);
            ResidentMemory end = ResidentMemory.of(pid);
            return new AgentMemory(render.rssPeers(), settled, ResidentMemory.mib(peak.get()),
                    ResidentMemory.mib(end.peakRssKiB()), runs, startupOutcome);
        }
    }

    // ---- report ----

    private ScenarioReport report(Results results) {
        List<String> context = new ArrayList<>();
        if (render.jmh()) {
            context.add("JMH " + Version.getPlainVersion() + ": average time per operation, "
                    + render.jmhForks() + " fork(s) with the agent's JVM options (" + AGENT_JVM + "), " + render.jmhWarmupIterations()
                    + " warm-up and " + render.jmhIterations() + " measured iterations of "
                    + render.jmhIterationTime().toMillis() + " ms; error = JMH's 99.9 % confidence half-width.");
        } else {
            context.add("Quick loop instead of JMH (--no-jmh): mean of " + QUICK_RUNS + " calls after " + QUICK_WARMUP
                    + " warm-up calls in the bench JVM. A smoke check, not a figure to publish.");
        }
        context.add("Snapshots: every phone with a mailbox and a dialplan number, three kinds of codec list, no "
                + "templates; chan_sip (SIP) = SIP phones on Asterisk 18, PJSIP = SIP phones on Asterisk 21 (wizard "
                + "sections), IAX2 = IAX2 phones. Render + install: a mixed server (80 % SIP, 15 % IAX2, 5 % PJSIP), "
                + "every call rewriting all five files (temp file, fsync, rename, .prev copy, directory fsync) on "
                + results.installFileSystem() + ".");
        context.add("Agent memory: one refresh-agent process (" + AGENT_JVM + ", reload mode none) for a server seeded with "
                + Figures.count(results.memory().peers()) + " phones (mixed), after its start-up APPLIED report, then "
                + "during " + FORCED_REFRESHES + " forced server_refresh rebuilds; VmRSS from /proc/<pid>/status.");

        Table timings = Table.of("Renderer", "operation", "case", "peers", "mean ms", "± ms");
        for (Timing timing : results.timings()) {
            timings = timings.withRow(timing.operation(), caseLabel(timing.renderCase()), Figures.count(timing.peers()),
                    Figures.ms(timing.meanMs()), timing.errorMs() == 0 ? "—" : Figures.ms(timing.errorMs()));
        }
        AgentMemory memory = results.memory();
        Table rss = Table.of("Agent resident memory", "peers", "start-up outcome", "RSS settled MiB",
                "RSS peak during refreshes MiB", "VmHWM MiB", "agent run ms (forced refreshes)");
        rss = rss.withRow(Figures.count(memory.peers()), memory.startupOutcome(), Figures.mib(memory.settledRssMiB()),
                Figures.mib(memory.refreshPeakMiB()), Figures.mib(memory.highWaterMiB()),
                String.join(", ", memory.agentRunMs().stream().map(String::valueOf).toList()));

        List<String> notes = new ArrayList<>();
        StringBuilder targets = new StringBuilder("Targets: ");
        results.timings().stream().filter(timing -> timing.operation().equals("render + install")).findFirst()
                .ifPresent(timing -> targets.append("render + install of ").append(Figures.count(timing.peers()))
                        .append(" peers < 100 ms — ").append(Figures.ms(timing.meanMs())).append(" ms: **")
                        .append(Figures.met(timing.meanMs() < TARGET_INSTALL_MS)).append("**")
                        .append(timing.peers() == 10_000 ? "" : " (target is for 10,000)").append("; "));
        double worst = Math.max(memory.settledRssMiB(), memory.refreshPeakMiB());
        targets.append("agent RSS < 128 MiB holding ").append(Figures.count(memory.peers())).append(" peers — ")
                .append(Figures.mib(worst)).append(" MiB at most: **").append(Figures.met(worst < TARGET_RSS_MIB))
                .append("**").append(memory.peers() == 10_000 ? "." : " (target is for 10,000).");
        notes.add(targets.toString());
        return new ScenarioReport(Scenario.RENDER, context, List.of(timings, rss), notes, results);
    }

    private static String caseLabel(String renderCase) {
        for (RenderCase value : RenderCase.values()) {
            if (value.name().equals(renderCase)) {
                return value.label();
            }
        }
        return renderCase;
    }

    private static String[] strings(List<Integer> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static String[] names() {
        return Stream.of(RenderCase.values()).map(Enum::name).toArray(String[]::new);
    }

    private static String fileSystem(Path directory) {
        try {
            FileStore store = Files.getFileStore(directory);
            return store.type() + " (" + directory + ")";
        } catch (IOException e) {
            return directory.toString();
        }
    }

    private static Path temporaryDirectory(Path parent) {
        try {
            return Files.createTempDirectory(parent, "render-install-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + parent, e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
