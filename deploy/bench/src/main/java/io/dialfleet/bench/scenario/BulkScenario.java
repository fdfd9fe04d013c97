package io.dialfleet.bench.scenario;

import io.dialfleet.bench.BenchOptions;
import io.dialfleet.bench.BenchOptions.BulkOptions;
import io.dialfleet.bench.Scenario;
import io.dialfleet.bench.fleet.FleetSeed;
import io.dialfleet.bench.fleet.PhoneGenerator;
import io.dialfleet.bench.fleet.PhoneRow;
import io.dialfleet.bench.fleet.TelcoServer;
import io.dialfleet.bench.load.LoadGenerator;
import io.dialfleet.bench.load.LoadResult;
import io.dialfleet.bench.load.PhoneLoad;
import io.dialfleet.bench.measure.CpuMeter;
import io.dialfleet.bench.measure.CpuUsage;
import io.dialfleet.bench.report.Figures;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.bench.report.ScenarioReport;
import io.dialfleet.bench.report.Table;
import io.dialfleet.bench.stack.BenchStack;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Scenario 3: {@code --bulk-phones} add_phone calls as fast as the API takes them, spread over the servers, with
 * automatic refresh on. How long the API took, how many rebuilds the agents actually ran for them (each agent
 * coalesces what arrives during a run into one trailing run), and when every server was in sync again.
 */
public final class BulkScenario {

    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(15);
    /** A level tag no API level uses, so bulk extensions never collide with the API scenario's. */
    private static final int LEVEL = 35;

    private final BenchStack stack;
    private final BenchOptions options;
    private final BulkOptions bulk;
    private final PhoneGenerator generator;

    /**
     * @param rebuilds          runs that covered at least one request, per server
     * @param requestsCovered   distinct add_phone request ids named by those runs (all of them, when none was lost)
     * @param syncAfterLastReply last add_phone reply → first fleet-view poll that saw every server in sync
     */
    public record Results(int servers, int initialPhonesPerServer, LoadResult load, int totalRebuilds,
            Map<String, Integer> rebuilds, long requestsCovered, long requestsSent, int failedRebuilds,
            double syncAfterLastReplySeconds, double totalSeconds, CpuUsage cpu) {
    }

    public BulkScenario(BenchStack stack, BenchOptions options) {
        this.stack = stack;
        this.options = options;
        this.bulk = options.bulk();
        this.generator = new PhoneGenerator(options.seed());
    }

    public ScenarioReport run() {
        List<TelcoServer> servers = TelcoServer.fleet(TelcoServer.FLEET_NETWORK, "telco", bulk.servers());
        List<String> ips = TelcoServer.ips(servers);
        Progress.say("bulk, %s add_phone at concurrency %d over %d servers: seeding and starting agents ...",
                Figures.count(bulk.phones()), bulk.concurrency(), servers.size());
        List<PhoneRow> phones = new ArrayList<>();
        for (int n = 0; n < servers.size(); n++) {
            phones.addAll(generator.fleetPhones(servers.get(n), n + 1, 1, bulk.initialPhones()));
        }
        stack.api().replaceFleet(FleetSeed.base(servers), phones);
        stack.agents().runExactly(ips);
        Results results;
        try (StatusWatch watch = new StatusWatch(stack.kafkaBootstrap());
                LoadGenerator load = new LoadGenerator(stack.api().base())) {
            RefreshTimer timer = new RefreshTimer(stack.api(), watch);
            if (!timer.serverRefresh(ips, Duration.ofMinutes(2)).complete()) {
                throw new IllegalStateException("not every agent reported the warm-up server_refresh");
            }
            Settling.awaitInSync(stack.api(), ips, Duration.ofMinutes(2));
            Settling.awaitQuiet(stack);

            CpuMeter meter = new CpuMeter(stack.cpuSubjects());
            List<String> requestIds = new ArrayList<>();
            meter.start();
            long began = System.nanoTime();
            LoadResult result = load.runCount(PhoneLoad.addPhone(PhoneLoad.runTag(options.seed()), LEVEL, ips,
                    bulk.concurrency()), bulk.concurrency(), bulk.phones(), requestIds);
            long lastReply = began + (long) (result.seconds() * 1e9);
            Progress.say("%s add_phone in %s s (%s req/s, %d errors); waiting for the fleet to be in sync ...",
                    Figures.count(result.requests()), Figures.seconds(result.seconds()),
                    Figures.rate(result.requestsPerSecond()), result.errors());
            long inSync = Settling.awaitInSync(stack.api(), ips, SYNC_TIMEOUT);
            CpuUsage cpu = meter.stop();
            List<ServerRefreshCompleted> reports = watch.drain(ips, Duration.ofSeconds(2));
            results = analyse(servers.size(), result, requestIds, reports, (inSync - lastReply) / 1e9,
                    (inSync - began) / 1e9, cpu);
        }
        return report(results);
    }

    /** Counts each run once (delivery is at-least-once: copies share the event id). */
    private Results analyse(int servers, LoadResult load, List<String> requestIds,
            List<ServerRefreshCompleted> reports, double syncAfterLastReply, double totalSeconds, CpuUsage cpu) {
        Set<UUID> ours = new HashSet<>();
        requestIds.forEach(id -> ours.add(UUID.fromString(id)));
        Set<UUID> seenEvents = new HashSet<>();
        Set<UUID> covered = new HashSet<>();
        Map<String, Integer> rebuilds = new LinkedHashMap<>();
        int failed = 0;
        for (ServerRefreshCompleted report : reports) {
            // Only runs for the bulk's own requests: the warm-up server_refresh was reported on the same watch.
            List<UUID> ids = StatusWatch.covers(report);
            if (ids.stream().noneMatch(ours::contains) || !seenEvents.add(report.eventId())) {
                continue;
            }
            rebuilds.merge(report.serverIp(), 1, Integer::sum);
            ids.stream().filter(ours::contains).forEach(covered::add);
            failed += report.outcome() == RefreshOutcome.FAILED ? 1 : 0;
        }
        int totalRebuilds = rebuilds.values().stream().mapToInt(Integer::intValue).sum();
        return new Results(servers, bulk.initialPhones(), load, totalRebuilds, rebuilds, covered.size(), ours.size(),
                failed, syncAfterLastReply, totalSeconds, cpu);
    }

    private ScenarioReport report(Results results) {
        List<String> context = List.of(
                "Load: " + Figures.count(bulk.phones()) + " add_phone, exactly " + bulk.concurrency()
                        + " in flight (the Java closed loop of the API scenario), new phones spread over "
                        + results.servers() + " servers in turn, each server starting with "
                        + Figures.count(results.initialPhonesPerServer()) + " phones; automatic refresh on (every "
                        + "add_phone asks its server's agent for a rebuild).",
                "Agents: one process per server, reload mode none (files rendered and installed, no Asterisk reload). "
                        + "A rebuild is a ServerRefreshCompleted event naming at least one request id; an agent runs "
                        + "one rebuild at a time and folds everything that arrives meanwhile into one trailing run.",
                "In sync: GET /api/v1/servers polled every 100 ms until every server's applied revision reached "
                        + "its desired one.");
        int min = results.rebuilds().values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = results.rebuilds().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Table table = Table.of("Bulk provisioning", "servers", "add_phone", "concurrency", "API time s", "req/s",
                "p50 ms", "p99 ms", "errors", "rebuilds (per server min–max)", "requests per rebuild",
                "requests covered", "failed rebuilds", "in sync after last reply s", "first request → all in sync s",
                "api-service CPU", "agents CPU");
        table = table.withRow(results.servers(), Figures.count(results.load().requests()), bulk.concurrency(),
                Figures.seconds(results.load().seconds()), Figures.rate(results.load().requestsPerSecond()),
                Figures.ms(results.load().latency().p50()), Figures.ms(results.load().latency().p99()),
                Figures.count(results.load().errors()),
                Figures.count(results.totalRebuilds()) + " (" + min + "–" + max + ")",
                results.totalRebuilds() == 0 ? "n/a"
                        : String.format("%.1f", (double) results.requestsCovered() / results.totalRebuilds()),
                Figures.count(results.requestsCovered()) + " of " + Figures.count(results.requestsSent()),
                results.failedRebuilds(), Figures.seconds(results.syncAfterLastReplySeconds()),
                Figures.seconds(results.totalSeconds()), results.cpu().percent(BenchStack.API_SERVICE),
                results.cpu().percent(BenchStack.AGENTS));
        List<String> notes = new ArrayList<>();
        if (results.load().errors() > 0) {
            notes.add("First error: `" + results.load().firstError() + "`");
        }
        return new ScenarioReport(Scenario.BULK, context, List.of(table), notes, results);
    }
}
