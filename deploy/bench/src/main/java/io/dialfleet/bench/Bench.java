package io.dialfleet.bench;

import io.dialfleet.bench.measure.Machine;
import io.dialfleet.bench.report.Progress;
import io.dialfleet.bench.report.ReportWriter;
import io.dialfleet.bench.report.RunHeader;
import io.dialfleet.bench.report.ScenarioReport;
import io.dialfleet.bench.scenario.ApiScenario;
import io.dialfleet.bench.scenario.BulkScenario;
import io.dialfleet.bench.scenario.RefreshScenario;
import io.dialfleet.bench.scenario.RenderScenario;
import io.dialfleet.bench.stack.BenchStack;
import io.dialfleet.local.LocalPaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code deploy/bench/bench <api|refresh|bulk|render|all> [options]}: runs the benchmark scenarios of issue 5
 * against a system it starts (or attaches to) and reports each as Markdown and JSON. Options: {@link BenchOptions}.
 */
public final class Bench {

    /** Kafka's clients log every configuration at INFO; JUL holds loggers weakly, so keep them. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private Bench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            List<String> given = Arrays.asList(args);
            boolean help = given.isEmpty() || given.contains("--help") || given.contains("-h");
            (help ? System.out : System.err).println(e.getMessage());
            System.exit(help ? 0 : 2);
        } catch (RuntimeException e) {
            System.err.println("FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Runs the scenarios one after the other on one stack; each report is written as soon as its scenario ended.
     *
     * @return the JSON files written, one per scenario
     */
    public static List<Path> run(String[] args) {
        quietLogging();
        Path root = LocalPaths.projectRoot();
        BenchOptions options = BenchOptions.parse(args, root);
        Instant startedAt = Instant.now();
        Machine machine = Machine.describe(root);
        List<Path> written = new ArrayList<>();
        BenchStack stack = BenchStack.open(options.stack(), options.runDirectory());
        Thread stopOnSignal = new Thread(stack::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            RunHeader header = new RunHeader(startedAt, machine, options.reproduceCommand(), options.seed(),
                    stack.description(), stack.postgresSummary(), stack.postgresSettings());
            ReportWriter writer = new ReportWriter(header, options.out(), options.jsonDirectory());
            for (Scenario scenario : options.scenarios()) {
                Progress.say("scenario %s — %s", scenario.command(), scenario.title());
                ScenarioReport report = switch (scenario) {
                    case API -> new ApiScenario(stack, options).run();
                    case REFRESH -> new RefreshScenario(stack, options).run();
                    case BULK -> new BulkScenario(stack, options).run();
                    case RENDER -> new RenderScenario(stack, options).run();
                };
                written.add(writer.write(report));
            }
        } finally {
            Progress.say("stopping the processes the tool started ...");
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already: it stops the same processes
            }
        }
        return written;
    }

    private static synchronized void quietLogging() {
        for (String category : List.of("org.apache.kafka", "kafka", "io.vertx", "io.netty")) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }
}
