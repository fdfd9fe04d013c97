package io.dialfleet.bench.scenario;

import io.dialfleet.bench.BenchOptions;
import io.dialfleet.bench.BenchOptions.ApiOptions;
import io.dialfleet.bench.Scenario;
import io.dialfleet.bench.fleet.FleetSeed;
import io.dialfleet.bench.fleet.PhoneGenerator;
import io.dialfleet.bench.fleet.PhoneRow;
import io.dialfleet.bench.fleet.TelcoServer;
import io.dialfleet.bench.load.ApiFunction;
import io.dialfleet.bench.load.LoadGenerator;
import io.dialfleet.bench.load.LoadResult;
import io.dialfleet.bench.load.PhoneLoad;
import io.dialfleet.bench.load.ReplyObserver;
import io.dialfleet.bench.load.RequestSource;
import io.dialfleet.bench.measure.CpuMeter;
import io.dialfleet.bench.measure.CpuUsage;
import io.dialfleet.bench.report.Figures;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.bench.report.ScenarioReport;
import io.dialfleet.bench.report.Table;
import io.dialfleet.bench.stack.AgentFleet;
import io.dialfleet.bench.stack.BenchStack;
import io.dialfleet.bench.vicidial.MirrorLagProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 1: add_phone, update_phone and a mix at each concurrency, warm-up then a measured window, every level
 * from the same table (the update working set plus four phones: 5,004 rows by default, VICIdial's starting point).
 * Then add_phone again from a table of {@code --growth-rows} phones: does it slow down as the table grows?
 */
public final class ApiScenario {

    /** VICIdial 2.14's own figures under the same wrk load (wrk/README.md): req/s at concurrency 1, 16, 64. */
    private static final Map<ApiFunction, Map<Integer, Integer>> VICIDIAL = Map.of(
            ApiFunction.ADD_PHONE, Map.of(1, 138, 16, 222, 64, 217),
            ApiFunction.UPDATE_PHONE, Map.of(1, 568, 16, 861, 64, 745));

    private static final double TARGET_RPS = 2_000;
    private static final int TARGET_CONCURRENCY = 64;
    /** "No slowdown": within this share of the rate at the base table size, measurement noise included. */
    private static final double GROWTH_TOLERANCE = 0.10;
    /** How long the mirror lag probe waits, after a level, for the last phones to reach MySQL. */
    private static final Duration MIRROR_CATCH_UP = Duration.ofSeconds(120);

    private final BenchStack stack;
    private final BenchOptions options;
    private final ApiOptions api;
    private final PhoneGenerator generator;
    private final List<TelcoServer> servers;
    private final List<PhoneRow> workingSet;
    private final List<PhoneRow> fixture;
    private final String runTag;
    private int nextLevel;

    /**
     * One measured level.
     *
     * @param mirror with {@code --vicidial}, add_phone levels: add_phone reply → row in VICIdial's MySQL; else null
     */
    public record Level(String function, int concurrency, long phonesBefore, long phonesAfter, LoadResult load,
            CpuUsage cpu, MirrorLagProbe.Result mirror) {
    }

    /** The growth check: add_phone from the base table and from the large one. */
    public record Growth(Level base, Level grown, double ratio, boolean noSlowdown) {
    }

    public record Results(String runTag, int baseRows, List<Level> levels, Growth growth) {
    }

    public ApiScenario(BenchStack stack, BenchOptions options) {
        this.stack = stack;
        this.options = options;
        this.api = options.api();
        this.generator = new PhoneGenerator(options.seed());
        this.servers = apiServers(api.servers());
        this.workingSet = generator.updateSet(servers, "up", 1, api.preload());
        this.fixture = PhoneGenerator.fixturePhones(servers.get(0));
        this.runTag = PhoneLoad.runTag(options.seed());
    }

    /** 10.10.10.15 first, as wrk/vd_load.lua's VD_SERVER_IP, then .16, .17, … */
    private static List<TelcoServer> apiServers(int count) {
        List<TelcoServer> servers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            servers.add(new TelcoServer("telco" + (15 + n), "10.10.10." + (15 + n), TelcoServer.CHAN_SIP_VERSION));
        }
        return servers;
    }

    public ScenarioReport run() {
        if (api.concurrency().stream().anyMatch(c -> c > PhoneLoad.MAX_WORKERS)) {
            throw new IllegalArgumentException("concurrency above " + PhoneLoad.MAX_WORKERS + " is not supported");
        }
        resetTable();
        prepareAgents();
        List<Level> levels = new ArrayList<>();
        try (LoadGenerator load = new LoadGenerator(stack.api().base())) {
            boolean first = true;
            for (ApiFunction function : api.functions()) {
                for (int concurrency : api.concurrency()) {
                    if (api.resetEachLevel() && !first) {
                        resetTable();
                    }
                    first = false;
                    levels.add(level(load, function, concurrency, fixture.size() + workingSet.size()));
                }
            }
            Growth growth = api.growthRows() > fixture.size() + workingSet.size() ? growth(load, levels) : null;
            return report(new Results(runTag, fixture.size() + workingSet.size(), levels, growth));
        }
    }

    private void prepareAgents() {
        if (api.agents() > 0) {
            stack.agents().runExactly(TelcoServer.ips(servers.subList(0, Math.min(api.agents(), servers.size()))));
        } else {
            stack.agentFleet().ifPresent(AgentFleet::stopAll);
        }
    }

    /** The fleet with the working set and the four fixture phones, and nothing else: every level's starting point. */
    private void resetTable() {
        List<PhoneRow> phones = new ArrayList<>(fixture);
        phones.addAll(workingSet);
        stack.api().replaceFleet(FleetSeed.base(servers), phones);
    }

    private Level level(LoadGenerator load, ApiFunction function, int concurrency, long expectedRows) {
        Settling.awaitQuiet(stack);
        OptionalLong before = rows();
        int levelNumber = nextLevel++;
        RequestSource source = source(function, concurrency, levelNumber);
        Progress.say("%s c=%d: warm-up %s, measured %s (table at %s phones)", function.label(),
                concurrency, seconds(api.warmup()), seconds(api.duration()), before.isPresent() ? before.getAsLong() : expectedRows);
        CpuMeter cpu = new CpuMeter(stack.cpuSubjects());
        long measureStart = System.nanoTime() + api.warmup().toNanos();
        long measureEnd = measureStart + api.duration().toNanos();
        MirrorLagProbe probe = function == ApiFunction.ADD_PHONE
                ? stack.vicidial().map(MirrorLagProbe::new).orElse(null) : null;
        ReplyObserver observer = probe != null ? probe : ReplyObserver.NONE;
        CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(
                () -> load.runWindow(source, concurrency, measureStart, measureEnd, observer));
        Clock.sleepUntil(measureStart);
        cpu.start();
        if (api.jfr()) {
            recordFlight(function.label() + "-c" + concurrency);
        }
        Clock.sleepUntil(measureEnd);
        CpuUsage usage = cpu.stop();
        LoadResult result = running.join();
        MirrorLagProbe.Result mirror = probe == null ? null : mirrorLag(probe);
        Settling.awaitQuiet(stack);
        OptionalLong after = rows();
        Progress.say("%s req/s, p99 %s ms, %d errors", Figures.rate(result.requestsPerSecond()),
                Figures.ms(result.latency().p99()), result.errors());
        return new Level(function.label(), concurrency, before.orElse(-1), after.orElse(-1), result, usage, mirror);
    }

    private static MirrorLagProbe.Result mirrorLag(MirrorLagProbe probe) {
        try (probe) {
            MirrorLagProbe.Result result = probe.finish(MIRROR_CATCH_UP);
            Progress.say("mirror lag (reply -> row in MySQL): p50 %s ms, p99 %s ms, max %s ms, %d never arrived",
                    Figures.ms(result.lag().p50()), Figures.ms(result.lag().p99()), Figures.ms(result.lag().max()),
                    result.missing());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private RequestSource source(ApiFunction function, int concurrency, int levelNumber) {
        List<String> ips = TelcoServer.ips(servers);
        RequestSource add = PhoneLoad.addPhone(runTag, levelNumber, ips, concurrency);
        RequestSource update = PhoneLoad.updatePhone(workingSet, concurrency);
        return switch (function) {
            case ADD_PHONE -> add;
            case UPDATE_PHONE -> update;
            case MIX -> PhoneLoad.mix(add, update, api.mixAddPercent(), generator, levelNumber, concurrency);
        };
    }

    /**
     * add_phone at the growth concurrency from the base table (reusing the level measured already when there is one)
     * and from a table of {@code --growth-rows} phones, filled silently through the seed endpoint.
     */
    private Growth growth(LoadGenerator load, List<Level> levels) {
        int concurrency = api.growthConcurrency();
        int baseRows = fixture.size() + workingSet.size();
        Level base = levels.stream()
                .filter(level -> level.function().equals(ApiFunction.ADD_PHONE.label())
                        && level.concurrency() == concurrency)
                .findFirst()
                .orElseGet(() -> {
                    resetTable();
                    return level(load, ApiFunction.ADD_PHONE, concurrency, baseRows);
                });
        resetTable();
        int extra = api.growthRows() - baseRows;
        Progress.say("growing the table to %s phones ...", Figures.count(api.growthRows()));
        stack.api().addPhonesSilently(generator.updateSet(servers, "gr", 1, extra));
        Level grown = level(load, ApiFunction.ADD_PHONE, concurrency, api.growthRows());
        double ratio = base.load().requestsPerSecond() == 0 ? 0
                : grown.load().requestsPerSecond() / base.load().requestsPerSecond();
        return new Growth(base, grown, ratio, ratio >= 1 - GROWTH_TOLERANCE && grown.load().errors() == 0);
    }

    private OptionalLong rows() {
        return stack.postgres().map(postgres -> OptionalLong.of(postgres.phoneRows())).orElse(OptionalLong.empty());
    }

    /** JFR in the api-service for the measured window, through jcmd: no restart, no JVM option needed. */
    private void recordFlight(String name) {
        OptionalLong pid = stack.apiPid();
        if (pid.isEmpty()) {
            System.err.println("bench: --jfr needs the api-service's pid (--api-pid)");
            return;
        }
        Path file = options.runDirectory().resolve("jfr/api-" + name + ".jfr");
        try {
            Files.createDirectories(file.getParent());
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid.getAsLong()), "JFR.start", "name=bench-" + name, "settings=profile",
                    "duration=" + api.duration().toSeconds() + "s", "filename=" + file)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Progress.say("JFR recording to %s", file);
        } catch (IOException e) {
            System.err.println("bench: cannot start JFR: " + e.getMessage());
        }
    }

    private ScenarioReport report(Results results) {
        List<String> context = new ArrayList<>();
        context.add("Load: Java closed loop (Vert.x HTTP client, keep-alive), exactly N requests in flight, each sent "
                + "the moment the previous reply arrived; warm-up " + seconds(api.warmup()) + ", measured "
                + seconds(api.duration()) + " per level; latency from send to full reply, HdrHistogram. GET "
                + "requests with wrk/vd_load.lua's parameters; an error is any reply other than HTTP 200 + `SUCCESS:`.");
        context.add("Table: " + (api.resetEachLevel() ? "every level starts" : "the first level starts") + " from "
                + Figures.count(results.baseRows()) + " phones (update set `up00001`… of "
                + Figures.count(workingSet.size()) + " + 4) on " + servers.size() + " telco server"
                + (servers.size() == 1 ? " (10.10.10.15, as VICIdial's figures)" : "s") + "; mix = "
                + api.mixAddPercent() + " % add_phone; run tag `" + results.runTag() + "` (seed " + options.seed() + ").");
        context.add("Refresh on phone change: on (each write raises its server's revision and queues a refresh "
                + "request in the outbox); refresh-agents running: " + (api.agents() == 0
                ? "none (requests stay on Kafka, as VICIdial's own rebuild is not part of its figures)"
                : api.agents()) + ".");
        context.add("CPU in % of one core (200 % = both cores of a 2-core machine) during the measured window, from "
                + "/proc/<pid>/stat: api-service process; PostgreSQL postmaster with its backends; the JVM hosting "
                + "Kafka; the bench JVM (load generator). The load generator shares the machine with the system.");

        Table levels = Table.of("Non-Agent API writes", "function", "concurrency", "req/s", "VICIdial req/s (wrk)",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "phones before → after", "api-service CPU",
                "PostgreSQL CPU", "Kafka JVM CPU", "bench JVM CPU", "machine busy");
        for (Level level : results.levels()) {
            levels = levels.withRow(level.function(), level.concurrency(),
                    Figures.rate(level.load().requestsPerSecond()), vicidial(level), Figures.ms(level.load().latency().p50()),
                    Figures.ms(level.load().latency().p90()), Figures.ms(level.load().latency().p99()),
                    Figures.ms(level.load().latency().max()), Figures.count(level.load().errors()),
                    rowsText(level), level.cpu().percent(BenchStack.API_SERVICE), postgresCpu(level.cpu()),
                    level.cpu().percent(BenchStack.KAFKA), level.cpu().percent(BenchStack.LOAD_GENERATOR),
                    Figures.percent(level.cpu().machineBusy()) + " of " + Runtime.getRuntime().availableProcessors()
                            + " cores");
        }
        List<Table> tables = new ArrayList<>(List.of(levels));
        List<String> notes = new ArrayList<>();
        if (results.levels().stream().anyMatch(level -> level.mirror() != null)) {
            Table mirror = Table.of("VICIdial bridge: add_phone reply → row in VICIdial's MySQL", "concurrency",
                    "add_phone req/s", "phones mirrored", "lag p50 ms", "lag p90 ms", "lag p99 ms", "lag max ms",
                    "never arrived");
            for (Level level : results.levels()) {
                if (level.mirror() != null) {
                    mirror = mirror.withRow(level.concurrency(), Figures.rate(level.load().requestsPerSecond()),
                            Figures.count(level.mirror().lag().count()), Figures.ms(level.mirror().lag().p50()),
                            Figures.ms(level.mirror().lag().p90()), Figures.ms(level.mirror().lag().p99()),
                            Figures.ms(level.mirror().lag().max()), Figures.count(level.mirror().missing()));
                }
            }
            tables.add(mirror);
            context.add("VICIdial bridge on: the forward mirror writes every change into a MariaDB with VICIdial's "
                    + "tables; the lag of each measured add_phone is taken from its reply to the moment a probe (a "
                    + "query every " + MirrorLagProbe.POLL.toMillis() + " ms on its own connection) sees the row, so "
                    + "it is exact to about that interval.");
        }
        if (results.growth() != null) {
            Growth growth = results.growth();
            Table table = Table.of("add_phone as the table grows", "phones at start", "concurrency", "req/s", "p50 ms",
                    "p99 ms", "max ms", "errors", "rate vs base");
            for (Level level : List.of(growth.base(), growth.grown())) {
                table = table.withRow(Figures.count(level.phonesBefore()), level.concurrency(),
                        Figures.rate(level.load().requestsPerSecond()), Figures.ms(level.load().latency().p50()),
                        Figures.ms(level.load().latency().p99()), Figures.ms(level.load().latency().max()),
                        Figures.count(level.load().errors()), String.format("%.2f",
                                level.load().requestsPerSecond() / Math.max(1e-9, growth.base().load().requestsPerSecond())));
            }
            tables.add(table);
        }
        notes.add(targetNote(results));
        results.levels().stream().filter(level -> level.load().errors() > 0).forEach(level -> notes.add(
                "First error at " + level.function() + " c=" + level.concurrency() + ": `" + level.load().firstError()
                        + "`"));
        return new ScenarioReport(Scenario.API, context, tables, notes, results);
    }

    private String targetNote(Results results) {
        StringBuilder note = new StringBuilder("Targets: ");
        Optional<Level> add64 = results.levels().stream()
                .filter(level -> level.function().equals(ApiFunction.ADD_PHONE.label())
                        && level.concurrency() == TARGET_CONCURRENCY)
                .findFirst();
        if (add64.isPresent()) {
            LoadResult load = add64.get().load();
            note.append("add_phone ≥ 2,000 req/s at concurrency 64 with 0 errors — ")
                    .append(Figures.rate(load.requestsPerSecond())).append(" req/s, ").append(load.errors())
                    .append(" errors: **").append(Figures.met(load.requestsPerSecond() >= TARGET_RPS && load.errors() == 0))
                    .append("**. ");
        } else {
            note.append("add_phone at concurrency 64 not measured in this run. ");
        }
        if (results.growth() != null) {
            Growth growth = results.growth();
            note.append("No slowdown to ").append(Figures.count(growth.grown().phonesBefore())).append(" phones (rate within ")
                    .append(Math.round(GROWTH_TOLERANCE * 100)).append(" % of the ")
                    .append(Figures.count(growth.base().phonesBefore())).append("-phone rate, 0 errors) — ratio ")
                    .append(String.format("%.2f", growth.ratio())).append(": **").append(Figures.met(growth.noSlowdown()))
                    .append("**.");
        }
        return note.toString();
    }

    private static String vicidial(Level level) {
        for (ApiFunction function : VICIDIAL.keySet()) {
            if (function.label().equals(level.function())) {
                Integer rate = VICIDIAL.get(function).get(level.concurrency());
                return rate == null ? "—" : Figures.count(rate);
            }
        }
        return "—";
    }

    private static String rowsText(Level level) {
        return level.phonesBefore() < 0 ? "n/a" : Figures.count(level.phonesBefore()) + " → "
                + Figures.count(level.phonesAfter());
    }

    private static String postgresCpu(CpuUsage cpu) {
        return cpu.bySubject().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(BenchStack.POSTGRES))
                .map(entry -> Figures.percent(entry.getValue()))
                .findFirst()
                .orElse("n/a");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
