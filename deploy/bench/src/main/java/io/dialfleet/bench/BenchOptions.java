package io.dialfleet.bench;

import io.dialfleet.bench.load.ApiFunction;
import io.dialfleet.bench.stack.Durability;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@code deploy/bench/bench} is told on its command line. Every default is a full-size run of issue 5;
 * the smoke test passes tiny sizes.
 *
 * @param commandLine the arguments as given, for the "reproduce" line of every report
 */
public record BenchOptions(
        List<Scenario> scenarios,
        long seed,
        Optional<Path> out,
        Path jsonDirectory,
        Path runDirectory,
        StackOptions stack,
        ApiOptions api,
        RefreshOptions refresh,
        BulkOptions bulk,
        RenderOptions render,
        List<String> commandLine) {

    /**
     * Start the system (default) or attach to a running one ({@code url} present).
     *
     * @param reseed         attached systems only: the caller agrees that every scenario replaces the fleet
     * @param apiProperties  extra {@code -D} settings of the api-service the tool starts
     * @param agentProperties extra {@code -D} settings of the refresh-agents the tool starts
     * @param vicidial       also start a MariaDB with VICIdial's tables and turn the api-service's VICIdial bridge on
     */
    public record StackOptions(
            Optional<URI> url,
            Optional<String> adminToken,
            Optional<String> internalToken,
            Optional<String> kafka,
            Optional<String> pgUrl,
            OptionalLong apiPid,
            boolean reseed,
            Durability durability,
            Map<String, String> apiProperties,
            Map<String, String> agentProperties,
            boolean vicidial) {

        public boolean attach() {
            return url.isPresent();
        }
    }

    /**
     * @param preload         phones of the update working set ({@code up00001}…), created before every level
     * @param servers         telco servers the phones are spread over (VICIdial's figures: one)
     * @param growthRows      table size of the second add_phone measurement (0: skipped)
     * @param agents          refresh-agents running during the levels (0: refresh requests stay on Kafka)
     * @param resetEachLevel  every level starts from the same table (preload + 4 rows), as VICIdial's did
     * @param jfr             record the api-service with JFR during each measured window
     */
    public record ApiOptions(
            List<ApiFunction> functions,
            List<Integer> concurrency,
            Duration warmup,
            Duration duration,
            int preload,
            int servers,
            int mixAddPercent,
            int growthRows,
            int growthConcurrency,
            int agents,
            boolean resetEachLevel,
            boolean jfr) {
    }

    /** @param warmupRuns server_refresh runs before the measured ones, per size (not reported) */
    public record RefreshOptions(List<Integer> servers, List<Integer> phones, int runs, int warmupRuns,
            Duration pause) {
    }

    /** @param initialPhones phones per server before the bulk load */
    public record BulkOptions(int phones, int concurrency, int servers, int initialPhones) {
    }

    /**
     * @param jmh              false: a short plain timing loop instead of JMH (smoke runs)
     * @param installDirectory where render+install writes (default: under the run directory, on the project's disk)
     */
    public record RenderOptions(
            boolean jmh,
            List<Integer> peers,
            int installPeers,
            int rssPeers,
            int jmhForks,
            int jmhWarmupIterations,
            int jmhIterations,
            Duration jmhIterationTime,
            Optional<Path> installDirectory) {
    }

    static final String USAGE = """
            usage: deploy/bench/bench <api|refresh|bulk|render|all> [options]

            The system under test (default: started by the tool, one stack for the whole invocation: embedded
            PostgreSQL and Kafka in a JVM of their own, the packaged api-service, refresh-agents as processes with
            reload mode none):
              --pg-durability dev|production  dev: the embedded settings (fsync, synchronous_commit and
                                              full_page_writes off); production: all three on      (dev)
              --dir DIR                       logs and the agents' conf directories    (target/bench/run)
              --api-property KEY=VALUE        extra setting of the api-service (repeatable)
              --agent-property KEY=VALUE      extra setting of every refresh-agent (repeatable)
              --vicidial                      also start MariaDB with VICIdial's tables and turn the VICIdial
                                              bridge on; the api scenario then measures the mirror's lag
                                              (add_phone reply -> row in MariaDB)
            Attach to a running system instead (every scenario replaces its fleet: say --reseed):
              --url URL --admin-token T --reseed [--kafka HOST:PORT] [--pg-url postgresql://…]
              [--internal-token T] [--api-pid PID]
                 --kafka is needed by refresh, bulk and render (status events); --internal-token lets the tool
                 start refresh-agents against that api-service; --pg-url (libpq URL, as in run.env) gives row
                 counts, the outbox backlog, PostgreSQL's settings and CPU

            Output:
              --seed N            seed of every generated name, value and choice              (1)
              --out FILE          append the Markdown tables to FILE, e.g. docs/benchmarks.md (stdout only)
              --json-dir DIR      machine-readable results                                  (target/bench)

            api:     --functions add_phone,update_phone,mix  --concurrency 1,16,64  --warmup 10s  --duration 30s
                     --preload 5000 (update set; the table starts at preload + 4 rows)  --api-servers 1
                     --mix-add-percent 50  --growth-rows 100000 (0: skip)  --growth-concurrency 64
                     --api-agents 0  --no-reset  --jfr
            refresh: --servers 2,10,20  --phones 100,500,2000  --runs 20  --warmup-runs 2  --pause 200ms
            bulk:    --bulk-phones 10000  --bulk-concurrency 64  --bulk-servers 10  --bulk-initial-phones 100
            render:  --render-peers 100,1000,10000  --install-peers 10000  --rss-peers 10000  --install-dir DIR
                     --jmh-forks 1  --jmh-warmup 5  --jmh-iterations 10  --jmh-time 1s  --no-jmh
            Durations: 30 (seconds), 30s, 500ms, 2m.
            """;

    /** @param root the project root, against which default paths are resolved */
    static BenchOptions parse(String[] args, Path root) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            throw new IllegalArgumentException(USAGE);
        }
        List<Scenario> scenarios = Scenario.parse(args[0]);
        long seed = 1;
        Optional<Path> out = Optional.empty();
        Path jsonDirectory = root.resolve("target/bench");
        Path runDirectory = root.resolve("target/bench/run");

        Optional<URI> url = Optional.empty();
        Optional<String> adminToken = Optional.empty();
        Optional<String> internalToken = Optional.empty();
        Optional<String> kafka = Optional.empty();
        Optional<String> pgUrl = Optional.empty();
        OptionalLong apiPid = OptionalLong.empty();
        boolean reseed = false;
        Durability durability = Durability.DEVELOPMENT;
        Map<String, String> apiProperties = new LinkedHashMap<>();
        Map<String, String> agentProperties = new LinkedHashMap<>();
        boolean vicidial = false;

        List<ApiFunction> functions = List.of(ApiFunction.values());
        List<Integer> concurrency = List.of(1, 16, 64);
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(30);
        int preload = 5_000;
        int apiServers = 1;
        int mixAddPercent = 50;
        int growthRows = 100_000;
        int growthConcurrency = 64;
        int apiAgents = 0;
        boolean resetEachLevel = true;
        boolean jfr = false;

        List<Integer> refreshServers = List.of(2, 10, 20);
        List<Integer> refreshPhones = List.of(100, 500, 2_000);
        int runs = 20;
        int warmupRuns = 2;
        Duration pause = Duration.ofMillis(200);

        int bulkPhones = 10_000;
        int bulkConcurrency = 64;
        int bulkServers = 10;
        int bulkInitialPhones = 100;

        boolean jmh = true;
        List<Integer> renderPeers = List.of(100, 1_000, 10_000);
        int installPeers = 10_000;
        int rssPeers = 10_000;
        int jmhForks = 1;
        int jmhWarmup = 5;
        int jmhIterations = 10;
        Duration jmhTime = Duration.ofSeconds(1);
        Optional<Path> installDirectory = Optional.empty();

        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i, option));
                case "--out" -> out = Optional.of(Path.of(value(args, ++i, option)).toAbsolutePath());
                case "--json-dir" -> jsonDirectory = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--dir" -> runDirectory = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--url" -> url = Optional.of(URI.create(stripSlash(value(args, ++i, option))));
                case "--admin-token" -> adminToken = Optional.of(value(args, ++i, option));
                case "--internal-token" -> internalToken = Optional.of(value(args, ++i, option));
                case "--kafka" -> kafka = Optional.of(value(args, ++i, option));
                case "--pg-url" -> pgUrl = Optional.of(value(args, ++i, option));
                case "--api-pid" -> apiPid = OptionalLong.of(Long.parseLong(value(args, ++i, option)));
                case "--reseed" -> reseed = true;
                case "--pg-durability" -> durability = Durability.parse(value(args, ++i, option));
                case "--api-property" -> property(apiProperties, value(args, ++i, option), option);
                case "--agent-property" -> property(agentProperties, value(args, ++i, option), option);
                case "--vicidial" -> vicidial = true;
                case "--functions" -> functions = ApiFunction.parseList(value(args, ++i, option));
                case "--concurrency" -> concurrency = positiveList(value(args, ++i, option), option);
                case "--warmup" -> warmup = duration(value(args, ++i, option), option);
                case "--duration" -> duration = duration(value(args, ++i, option), option);
                case "--preload" -> preload = count(value(args, ++i, option), option, 1);
                case "--api-servers" -> apiServers = count(value(args, ++i, option), option, 1);
                case "--mix-add-percent" -> mixAddPercent = percent(value(args, ++i, option), option);
                case "--growth-rows" -> growthRows = count(value(args, ++i, option), option, 0);
                case "--growth-concurrency" -> growthConcurrency = count(value(args, ++i, option), option, 1);
                case "--api-agents" -> apiAgents = count(value(args, ++i, option), option, 0);
                case "--no-reset" -> resetEachLevel = false;
                case "--jfr" -> jfr = true;
                case "--servers" -> refreshServers = positiveList(value(args, ++i, option), option);
                case "--phones" -> refreshPhones = positiveList(value(args, ++i, option), option);
                case "--runs" -> runs = count(value(args, ++i, option), option, 1);
                case "--warmup-runs" -> warmupRuns = count(value(args, ++i, option), option, 1);
                case "--pause" -> pause = duration(value(args, ++i, option), option);
                case "--bulk-phones" -> bulkPhones = count(value(args, ++i, option), option, 1);
                case "--bulk-concurrency" -> bulkConcurrency = count(value(args, ++i, option), option, 1);
                case "--bulk-servers" -> bulkServers = count(value(args, ++i, option), option, 1);
                case "--bulk-initial-phones" -> bulkInitialPhones = count(value(args, ++i, option), option, 0);
                case "--render-peers" -> renderPeers = positiveList(value(args, ++i, option), option);
                case "--install-peers" -> installPeers = count(value(args, ++i, option), option, 1);
                case "--rss-peers" -> rssPeers = count(value(args, ++i, option), option, 1);
                case "--install-dir" -> installDirectory = Optional.of(Path.of(value(args, ++i, option)).toAbsolutePath());
                case "--jmh-forks" -> jmhForks = count(value(args, ++i, option), option, 0);
                case "--jmh-warmup" -> jmhWarmup = count(value(args, ++i, option), option, 0);
                case "--jmh-iterations" -> jmhIterations = count(value(args, ++i, option), option, 1);
                case "--jmh-time" -> jmhTime = duration(value(args, ++i, option), option);
                case "--no-jmh" -> jmh = false;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n\n" + USAGE);
            }
        }
        StackOptions stack = new StackOptions(url, adminToken, internalToken, kafka, pgUrl, apiPid, reseed, durability,
                Map.copyOf(apiProperties), Map.copyOf(agentProperties), vicidial);
        checkStack(stack, scenarios);
        return new BenchOptions(scenarios, seed, out, jsonDirectory, runDirectory, stack,
                new ApiOptions(functions, concurrency, warmup, duration, preload, apiServers, mixAddPercent, growthRows,
                        growthConcurrency, apiAgents, resetEachLevel, jfr),
                new RefreshOptions(sorted(refreshServers), sorted(refreshPhones), runs, warmupRuns, pause),
                new BulkOptions(bulkPhones, bulkConcurrency, bulkServers, bulkInitialPhones),
                new RenderOptions(jmh, sorted(renderPeers), installPeers, rssPeers, jmhForks, jmhWarmup, jmhIterations,
                        jmhTime, installDirectory),
                List.of(args));
    }

    private static void checkStack(StackOptions stack, List<Scenario> scenarios) {
        if (!stack.attach()) {
            if (stack.adminToken().isPresent() || stack.kafka().isPresent() || stack.pgUrl().isPresent()
                    || stack.internalToken().isPresent() || stack.apiPid().isPresent()) {
                throw new IllegalArgumentException("--admin-token, --kafka, --pg-url, --internal-token and --api-pid "
                        + "describe a running system: give its --url too");
            }
            return;
        }
        if (stack.vicidial()) {
            throw new IllegalArgumentException("--vicidial starts a MariaDB for the api-service the tool starts");
        }
        if (stack.durability() != Durability.DEVELOPMENT) {
            throw new IllegalArgumentException("--pg-durability applies to the PostgreSQL the tool starts; an attached "
                    + "system runs with its own settings (reported in every table)");
        }
        if (stack.adminToken().isEmpty()) {
            throw new IllegalArgumentException("attaching needs --admin-token: every scenario seeds its fleet");
        }
        if (!stack.reseed()) {
            throw new IllegalArgumentException("every scenario replaces the attached system's fleet (servers, phones, "
                    + "users) with its own seed; add --reseed to confirm that is what you want");
        }
        boolean needsKafka = scenarios.stream().anyMatch(scenario -> scenario != Scenario.API);
        if (needsKafka && stack.kafka().isEmpty()) {
            throw new IllegalArgumentException("refresh, bulk and render watch the agents' status events: give --kafka");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
        }
        return args[index];
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void property(Map<String, String> properties, String text, String option) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(option + " needs KEY=VALUE, not " + text);
        }
        properties.put(text.substring(0, equals), text.substring(equals + 1));
    }

    private static int count(String text, String option, int minimum) {
        try {
            int value = Integer.parseInt(text.replace("_", ""));
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least " + minimum + ", not " + text);
    }

    private static int percent(String text, String option) {
        int value = count(text, option, 0);
        if (value > 100) {
            throw new IllegalArgumentException(option + " is a percentage, not " + text);
        }
        return value;
    }

    private static List<Integer> positiveList(String text, String option) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            values.add(count(part.trim(), option, 1));
        }
        return List.copyOf(values);
    }

    private static List<Integer> sorted(List<Integer> values) {
        return values.stream().distinct().sorted().toList();
    }

    /** {@code 30} (seconds), {@code 30s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a duration (30, 30s, 500ms, 2m), not " + text);
        }
    }

    /**
     * The command line as a shell would take it back. Secrets become the run.env variable that holds them, so a
     * report never carries a token or a database password.
     */
    public String reproduceCommand() {
        StringBuilder command = new StringBuilder("deploy/bench/bench");
        for (int i = 0; i < commandLine.size(); i++) {
            String arg = commandLine.get(i);
            String previous = i == 0 ? "" : commandLine.get(i - 1);
            String shown = switch (previous) {
                case "--admin-token" -> "\"$DIALFLEET_ADMIN_TOKEN\"";
                case "--internal-token" -> "\"$DIALFLEET_INTERNAL_TOKEN\"";
                case "--pg-url" -> "\"$DIALFLEET_PG_URL\"";
                default -> arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
            };
            command.append(' ').append(shown);
        }
        return command.toString();
    }
}
