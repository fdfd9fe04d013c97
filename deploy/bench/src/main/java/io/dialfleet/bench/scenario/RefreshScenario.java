package io.dialfleet.bench.scenario;

import io.dialfleet.bench.BenchOptions;
import io.dialfleet.bench.BenchOptions.RefreshOptions;
import io.dialfleet.bench.Scenario;
import io.dialfleet.bench.fleet.FleetSeed;
import io.dialfleet.bench.fleet.PhoneGenerator;
import io.dialfleet.bench.fleet.PhoneRow;
import io.dialfleet.bench.fleet.TelcoServer;
import io.dialfleet.bench.measure.CpuMeter;
import io.dialfleet.bench.measure.CpuUsage;
import io.dialfleet.bench.measure.Latencies;
import io.dialfleet.bench.report.Figures;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.bench.report.ScenarioReport;
import io.dialfleet.bench.report.Table;
import io.dialfleet.bench.scenario.RefreshTimer.RefreshRun;
import io.dialfleet.bench.stack.BenchStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scenario 2: S telco servers (one refresh-agent process each) × P phones each. For every size, {@code --runs}
 * server_refresh calls, each timed from its reply to the last agent's APPLIED report, then as many add_phone calls,
 * each timed from its reply to its own server's APPLIED report. Runs are sequential: each starts when the previous
 * one was reported, plus a short pause.
 */
public final class RefreshScenario {

    private static final int TARGET_SERVERS = 20;
    private static final int TARGET_PHONES = 500;
    private static final double TARGET_P99_MS = 500;

    private final BenchStack stack;
    private final BenchOptions options;
    private final RefreshOptions refresh;
    private final PhoneGenerator generator;

    /**
     * One size.
     *
     * @param incomplete runs in which a targeted server did not report within the time-out
     * @param notApplied reports that said UNCHANGED or FAILED where APPLIED was due
     */
    public record Size(int servers, int phonesPerServer, int runs, Latencies serverRefresh, Latencies addPhone,
            Latencies agentRun, int incomplete, int notApplied, CpuUsage cpu) {
    }

    public record Results(List<Size> sizes) {
    }

    public RefreshScenario(BenchStack stack, BenchOptions options) {
        this.stack = stack;
        this.options = options;
        this.refresh = options.refresh();
        this.generator = new PhoneGenerator(options.seed());
    }

    public ScenarioReport run() {
        List<Size> sizes = new ArrayList<>();
        for (int serverCount : refresh.servers()) {
            for (int phones : refresh.phones()) {
                sizes.add(size(serverCount, phones));
            }
        }
        return report(new Results(sizes));
    }

    private Size size(int serverCount, int phonesPerServer) {
        List<TelcoServer> servers = TelcoServer.fleet(TelcoServer.FLEET_NETWORK, "telco", serverCount);
        List<String> ips = TelcoServer.ips(servers);
        Progress.say("refresh, %d servers × %s phones: seeding and starting agents ...", serverCount,
                Figures.count(phonesPerServer));
        List<PhoneRow> phones = new ArrayList<>();
        for (int n = 0; n < servers.size(); n++) {
            phones.addAll(generator.fleetPhones(servers.get(n), n + 1, 1, phonesPerServer));
        }
        stack.api().replaceFleet(FleetSeed.base(servers), phones);
        stack.agents().runExactly(ips);
        Duration timeout = Duration.ofSeconds(120).plusMillis((long) serverCount * phonesPerServer);
        List<Double> serverRefresh = new ArrayList<>();
        List<Double> addPhone = new ArrayList<>();
        List<Double> agentRun = new ArrayList<>();
        int incomplete = 0;
        int notApplied = 0;
        CpuUsage cpu;
        try (StatusWatch watch = new StatusWatch(stack.kafkaBootstrap())) {
            RefreshTimer timer = new RefreshTimer(stack.api(), watch);
            // The silent seed changed no revision: the warm-up refreshes put the new phones in the agents' files
            // and warm up every JVM's code paths.
            for (int run = 0; run < refresh.warmupRuns(); run++) {
                RefreshRun warmup = timer.serverRefresh(ips, timeout);
                if (!warmup.complete()) {
                    throw new IllegalStateException("not every agent reported the warm-up server_refresh within "
                            + timeout + ": see the agents' logs in " + options.runDirectory().resolve("logs"));
                }
            }
            CpuMeter meter = new CpuMeter(stack.cpuSubjects());
            meter.start();
            for (int run = 1; run <= refresh.runs(); run++) {
                RefreshRun result = timer.serverRefresh(ips, timeout);
                serverRefresh.add(result.millis());
                result.agentMillis().forEach(millis -> agentRun.add((double) millis));
                incomplete += result.complete() ? 0 : 1;
                notApplied += result.notApplied();
                Clock.sleep(refresh.pause());
            }
            for (int run = 1; run <= refresh.runs(); run++) {
                int server = (run - 1) % servers.size();
                PhoneRow phone = generator.apiPhone(servers.get(server), server + 1,
                        phonesPerServer + 1 + (run - 1) / servers.size());
                RefreshRun result = timer.addPhone(phone, timeout);
                addPhone.add(result.millis());
                incomplete += result.complete() ? 0 : 1;
                notApplied += result.notApplied();
                Clock.sleep(refresh.pause());
            }
            cpu = meter.stop();
        }
        Size size = new Size(serverCount, phonesPerServer, refresh.runs(), Latencies.ofMillis(serverRefresh),
                Latencies.ofMillis(addPhone), Latencies.ofMillis(agentRun), incomplete, notApplied, cpu);
        Progress.say("server_refresh → all APPLIED p50 %s ms p99 %s ms; add_phone → APPLIED p50 %s ms",
                Figures.ms(size.serverRefresh().p50()), Figures.ms(size.serverRefresh().p99()),
                Figures.ms(size.addPhone().p50()));
        return size;
    }

    private ScenarioReport report(Results results) {
        List<String> context = List.of(
                "Agents: one refresh-agent process per simulated telco server (not several agents in one process), "
                        + "reload mode none: a run fetches the peer-config snapshot, renders, validates and installs "
                        + "the files (fsync + rename) and reports APPLIED; no Asterisk is reloaded or checked, so a real "
                        + "server adds its reload and verification time. Odd servers Asterisk 18 (chan_sip), even ones "
                        + "Asterisk 21 (PJSIP); phones 80 % SIP, 15 % IAX2, 5 % PJSIP.",
                "Each size: " + refresh.warmupRuns() + " warm-up server_refresh runs, then " + refresh.runs()
                        + " server_refresh runs (forced rebuild of every server) and " + refresh.runs()
                        + " add_phone runs (one new phone, servers in turn), one at a time, " + refresh.pause().toMillis()
                        + " ms apart. Time: API reply received → the last covering status received by a Kafka consumer "
                        + "of dialfleet.refresh-status (the request matched by X-Dialfleet-Request-Id).",
                "Percentiles are nearest-rank over the runs (with 20 runs, p99 is the slowest run). CPU: average "
                        + "over the measured runs, % of one core.");
        Table table = Table.of("server_refresh and add_phone → APPLIED", "servers", "phones/server", "runs",
                "server_refresh p50 ms", "p99 ms", "max ms", "add_phone p50 ms", "p99 ms", "max ms",
                "agent run p50 ms", "incomplete / not APPLIED", "agents CPU", "api-service CPU", "machine busy");
        for (Size size : results.sizes()) {
            table = table.withRow(size.servers(), Figures.count(size.phonesPerServer()), size.runs(),
                    Figures.ms(size.serverRefresh().p50()), Figures.ms(size.serverRefresh().p99()),
                    Figures.ms(size.serverRefresh().max()), Figures.ms(size.addPhone().p50()),
                    Figures.ms(size.addPhone().p99()), Figures.ms(size.addPhone().max()),
                    Figures.ms(size.agentRun().p50()), size.incomplete() + " / " + size.notApplied(),
                    size.cpu().percent(BenchStack.AGENTS), size.cpu().percent(BenchStack.API_SERVICE),
                    Figures.percent(size.cpu().machineBusy()));
        }
        Optional<Size> target = results.sizes().stream()
                .filter(size -> size.servers() == TARGET_SERVERS && size.phonesPerServer() == TARGET_PHONES)
                .findFirst();
        String note = target
                .map(size -> "Target: server_refresh → all APPLIED p99 < 500 ms at 20 servers × 500 phones — "
                        + Figures.ms(size.serverRefresh().p99()) + " ms: **"
                        + Figures.met(size.serverRefresh().p99() < TARGET_P99_MS && size.incomplete() == 0) + "**.")
                .orElse("Target (server_refresh → all APPLIED p99 < 500 ms at 20 × 500): size not measured in this run.");
        return new ScenarioReport(Scenario.REFRESH, context, List.of(table), List.of(note), results);
    }
}
