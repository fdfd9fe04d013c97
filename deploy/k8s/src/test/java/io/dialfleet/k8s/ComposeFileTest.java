package io.dialfleet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml: it parses, and what it sets is what the services read — the same sources of truth as
 * {@link KubernetesManifestsTest}. Docker is not needed.
 */
class ComposeFileTest {

    private static final Path FILE = Repository.COMPOSE.resolve("compose.yaml");
    private static final Set<String> API_SERVICE_ENVIRONMENT = Set.of("DIALFLEET_DB_JDBC_URL", "DIALFLEET_DB_URL",
            "DIALFLEET_DB_USER", "DIALFLEET_DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "DIALFLEET_ADMIN_TOKEN",
            "DIALFLEET_INTERNAL_TOKEN", "DIALFLEET_SEED_FILE");
    private static final Set<String> REFRESH_AGENT_ENVIRONMENT = Set.of("DIALFLEET_AGENT_SERVER_IP",
            "DIALFLEET_API_URL", "DIALFLEET_INTERNAL_TOKEN", "DIALFLEET_AGENT_RELOAD_MODE", "KAFKA_BOOTSTRAP_SERVERS");
    private static final Pattern CREATED_TOPIC = Pattern.compile("--topic\\s+(\\S+)");

    /** A compose service built from one of dialfleet's modules. */
    record DialfleetService(String name, JsonNode definition, ServiceContract contract, Map<String, String> environment) {
    }

    private static JsonNode compose;
    private static final Map<String, DialfleetService> dialfleet = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        List<JsonNode> documents = TypedYaml.trees(Repository.read(FILE));
        assertThat(documents).as("documents in " + FILE).hasSize(1);
        compose = documents.get(0);
        compose.path("services").fields().forEachRemaining(entry -> {
            JsonNode build = entry.getValue().path("build");
            if (build.isMissingNode()) {
                return;
            }
            String context = build.isTextual() ? build.asText() : build.path("context").asText();
            ServiceContract.forModuleDirectory(Repository.COMPOSE.resolve(context)).ifPresent(contract ->
                    dialfleet.put(entry.getKey(), new DialfleetService(entry.getKey(), entry.getValue(), contract,
                            environment(entry.getValue()))));
        });
    }

    @Test
    void buildsEachServiceFromItsModuleDockerfile() {
        assertThat(dialfleet.values()).extracting(service -> service.contract().module())
                .contains("api-service", "refresh-agent");
        for (DialfleetService service : dialfleet.values()) {
            JsonNode build = service.definition().path("build");
            Path context = Repository.COMPOSE.resolve(build.path("context").asText()).normalize();
            Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
            assertThat(dockerfile).as(service.name() + " dockerfile").isEqualTo(service.contract().dockerfilePath());
            assertThat(Files.isRegularFile(dockerfile)).as(dockerfile + " exists").isTrue();
            assertThat(ServiceContract.forImage(service.definition().path("image").asText()))
                    .as(service.name() + " image name").contains(service.contract());
        }
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        List<String> problems = new ArrayList<>();
        for (DialfleetService service : dialfleet.values()) {
            for (String name : service.environment().keySet()) {
                if (!service.contract().environmentVariables().contains(name)) {
                    problems.add(service.name() + ": " + name + " is read by no " + service.contract().module()
                            + " configuration");
                }
            }
            Set<String> required = new TreeSet<>(service.contract().requiredEnvironmentVariables());
            required.addAll(service.contract() == ServiceContract.API_SERVICE
                    ? API_SERVICE_ENVIRONMENT : REFRESH_AGENT_ENVIRONMENT);
            required.removeAll(service.environment().keySet());
            if (!required.isEmpty()) {
                problems.add(service.name() + ": missing " + required);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(dialfleet.values().stream().map(service -> service.environment().get("DIALFLEET_INTERNAL_TOKEN")))
                .as("one internal token on both sides").containsOnly(apiService().environment()
                        .get("DIALFLEET_INTERNAL_TOKEN"));
    }

    @Test
    void twoAgentsWithoutReloadEachWithItsOwnConfVolumeAndAServerOfTheSeed() throws IOException {
        List<DialfleetService> agents = agents();
        assertThat(agents).hasSize(2);
        Set<String> serverIps = new TreeSet<>();
        Set<String> volumes = new TreeSet<>();
        for (DialfleetService agent : agents) {
            assertThat(agent.environment()).containsEntry("DIALFLEET_AGENT_RELOAD_MODE", "none");
            serverIps.add(agent.environment().get("DIALFLEET_AGENT_SERVER_IP"));
            String confDir = ServiceContract.REFRESH_AGENT.resolve("dialfleet.agent.conf.directory",
                    agent.environment());
            String volume = mounts(agent.definition()).entrySet().stream()
                    .filter(mount -> mount.getValue().equals(confDir))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(agent.name() + ": nothing mounted at " + confDir));
            assertThat(compose.path("volumes").has(volume)).as(agent.name() + ": named volume " + volume).isTrue();
            volumes.add(volume);
        }
        assertThat(serverIps).as("one agent per server").hasSize(agents.size()).contains("10.10.10.15", "10.10.10.16");
        assertThat(volumes).as("a conf volume per agent").hasSize(agents.size());

        // The seed the api-service imports is the local run's demo seed, and every server in it has its agent.
        DialfleetService api = apiService();
        String seedFile = api.environment().get("DIALFLEET_SEED_FILE");
        String source = mounts(api.definition()).entrySet().stream()
                .filter(mount -> mount.getValue().equals(seedFile))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("api-service: nothing mounted at " + seedFile));
        Path seedPath = Repository.COMPOSE.resolve(source).normalize();
        assertThat(seedPath).isEqualTo(Repository.ROOT.resolve("deploy/local/demo-seed.json"));
        assertThat(Files.isRegularFile(seedPath)).as(seedPath + " exists").isTrue();
        JsonNode seed = TypedYaml.MAPPER.readTree(seedPath.toFile());
        assertThat(KubernetesManifestsTest.checkSeed(seed, seedPath.toString())).isEqualTo(serverIps);
    }

    @Test
    void addressesNameTheComposeServicesAndTheirPorts() {
        DialfleetService api = apiService();
        int apiPort = api.contract().httpPort(api.environment());
        String kafka = serviceWithImage("apache/kafka");
        String advertised = environment(compose.path("services").path(kafka)).get("KAFKA_ADVERTISED_LISTENERS");
        String postgres = serviceWithImage("postgres");
        assertThat(compose.path("services").path(postgres).path("image").asText()).isEqualTo("postgres:17");
        for (DialfleetService service : dialfleet.values()) {
            for (String server : service.environment().get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
                assertThat(server).as(service.name() + " bootstrap").startsWith(kafka + ":");
                assertThat(advertised).as("advertised listeners of " + kafka).contains("//" + server);
            }
        }
        for (DialfleetService agent : agents()) {
            URI url = URI.create(agent.environment().get("DIALFLEET_API_URL"));
            assertThat(url.getHost()).isEqualTo(api.name());
            assertThat(url.getPort()).isEqualTo(apiPort);
        }
        assertThat(api.environment().get("DIALFLEET_DB_JDBC_URL")).startsWith("jdbc:postgresql://" + postgres + ":5432/");
        assertThat(api.environment().get("DIALFLEET_DB_URL")).startsWith("postgresql://" + postgres + ":5432/");
    }

    @Test
    void dependenciesExistAndHealthchecksProbeTheServicesReadiness() {
        JsonNode services = compose.path("services");
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(entry -> entry.getValue().path("depends_on").fields().forEachRemaining(
                dependency -> {
                    JsonNode target = services.path(dependency.getKey());
                    String condition = dependency.getValue().path("condition").asText();
                    if (target.isMissingNode()) {
                        problems.add(entry.getKey() + " depends on unknown " + dependency.getKey());
                    } else if (condition.equals("service_healthy") && target.path("healthcheck").isMissingNode()) {
                        problems.add(entry.getKey() + " waits for " + dependency.getKey() + " to be healthy; it has"
                                + " no healthcheck");
                    }
                }));
        for (DialfleetService service : dialfleet.values()) {
            String test = service.definition().path("healthcheck").path("test").toString();
            int port = service.contract().httpPort(service.environment());
            if (!test.contains("/q/health/ready") || !test.contains("/" + port)) {
                problems.add(service.name() + ": healthcheck should ask /q/health/ready on " + port + ": " + test);
            }
            if (service.definition().path("depends_on").isMissingNode()) {
                problems.add(service.name() + ": no depends_on");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theInitServiceCreatesExactlyTheTopicsTheServicesUse() {
        String kafka = serviceWithImage("apache/kafka");
        Set<String> created = new TreeSet<>();
        compose.path("services").fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(kafka)) {
                Matcher topic = CREATED_TOPIC.matcher(entry.getValue().path("command").toString());
                while (topic.find()) {
                    created.add(topic.group(1));
                }
            }
        });
        assertThat(created).containsExactlyInAnyOrderElementsOf(ServiceContract.expectedTopics());
    }

    private static DialfleetService apiService() {
        return dialfleet.values().stream()
                .filter(service -> service.contract() == ServiceContract.API_SERVICE)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The VICIdial bridge is off by default (empty URL) and turned on from the shell; its stand-in database, only in
     * the profile {@code vicidial}, is created from the same VICIdial DDL the bridge's tests use.
     */
    @Test
    void theBridgeIsOffUnlessAskedAndItsDatabaseHasTheTestsVicidialTables() {
        Map<String, String> environment = apiService().environment();
        for (String variable : List.of("DIALFLEET_VICIDIAL_URL", "DIALFLEET_VICIDIAL_USERNAME",
                "DIALFLEET_VICIDIAL_PASSWORD")) {
            assertThat(environment.get(variable)).as(variable + ": from the shell, empty by default")
                    .isEqualTo("${" + variable + ":-}");
        }
        String database = serviceWithImage("mariadb");
        JsonNode service = compose.path("services").path(database);
        assertThat(service.path("profiles")).extracting(JsonNode::asText).containsExactly("vicidial");
        Path ddl = Repository.ROOT.resolve("common/embedded-infra/src/main/resources/io/dialfleet/infra/vicidial-tables.sql");
        Map<String, String> mounts = mounts(service);
        assertThat(mounts).containsValue("/docker-entrypoint-initdb.d/vicidial-tables.sql");
        mounts.forEach((source, target) -> {
            if (target.startsWith("/docker-entrypoint-initdb.d/")) {
                assertThat(Repository.COMPOSE.resolve(source).normalize()).isEqualTo(ddl.normalize());
                assertThat(Files.isRegularFile(ddl)).isTrue();
            }
        });
        assertThat(environment(service)).containsEntry("MARIADB_DATABASE", "asterisk");
    }

    private static List<DialfleetService> agents() {
        return dialfleet.values().stream()
                .filter(service -> service.contract() == ServiceContract.REFRESH_AGENT)
                .toList();
    }

    private static String serviceWithImage(String repository) {
        List<String> names = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(entry -> {
            String image = entry.getValue().path("image").asText();
            if (image.equals(repository) || image.startsWith(repository + ":")) {
                names.add(entry.getKey());
            }
        });
        assertThat(names).as("services running " + repository).isNotEmpty();
        return names.get(0);
    }

    /** A service's environment, in either of compose's forms (map, or list of NAME=value). */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String text = item.asText();
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            });
        }
        return environment;
    }

    /** Short-syntax volumes of a service: source → target. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        service.path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            Optional.of(parts).filter(p -> p.length >= 2).ifPresent(p -> mounts.put(p[0], p[1]));
        });
        return mounts;
    }
}
