package io.dialfleet.k8s;

import static io.dialfleet.k8s.Manifests.orEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialfleet.events.Topics;
import io.dialfleet.k8s.Manifests.Workload;
import io.dialfleet.k8s.TypedYaml.Document;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.ConfigMapArgs;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests of deploy/k8s: parsed with typed models (unknown fields fail) and checked against each
 * other and against what the services read. Every check collects all its problems before failing, so one run names
 * everything that is broken.
 */
class KubernetesManifestsTest {

    /** Environment a deployment must give each service (the brief of issue 4's Deployment section). */
    private static final Set<String> API_SERVICE_ENVIRONMENT = Set.of("DIALFLEET_DB_JDBC_URL", "DIALFLEET_DB_URL",
            "DIALFLEET_DB_USER", "DIALFLEET_DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "DIALFLEET_ADMIN_TOKEN",
            "DIALFLEET_SEED_FILE");
    private static final Set<String> REFRESH_AGENT_ENVIRONMENT = Set.of("DIALFLEET_AGENT_SERVER_IP",
            "DIALFLEET_API_URL", "DIALFLEET_AMI_SECRET", "KAFKA_BOOTSTRAP_SERVERS");

    /** The Secret of the agents' own keys, one entry per server_ip (docs/operations.md, "Agent credentials"). */
    private static final String AGENT_KEYS = "dialfleet-agent-keys";

    /** Tables of the seed format (docs/spec/seed-format.md). */
    static final Set<String> SEED_TABLES = Set.of("system_settings", "vicidial_user_groups", "vicidial_users",
            "vicidial_ip_lists", "vicidial_ip_list_entries", "servers", "vicidial_conf_templates", "phones",
            "phones_alias");

    /**
     * Pod selectors of NetworkPolicy peers that designate pods outside this base, on purpose: clients of the
     * api-service, the brokers of the Strimzi cluster (its name is checked against the topics' label), cluster DNS.
     */
    private static final String CLIENT_LABEL = "dialfleet.io/api-client";

    private static Manifests manifests;

    @BeforeAll
    static void load() {
        manifests = Manifests.load(Repository.K8S);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Typed parsing

    @Test
    void everyManifestParsesWithTypedModelsAndNoUnknownFields() {
        List<String> problems = new ArrayList<>();
        assertThat(manifests.files).as("YAML files under deploy/k8s").isNotEmpty();
        manifests.files.forEach((file, documents) -> {
            if (documents.isEmpty()) {
                problems.add(file + ": no document");
            }
            for (Document document : documents) {
                TypedYaml.unknownFields(document.object())
                        .forEach(field -> problems.add(document.describe() + ": unknown field " + field));
                if (document.object() instanceof HasMetadata resource
                        && (resource.getMetadata() == null || resource.getMetadata().getName() == null)) {
                    problems.add(document.describe() + ": no metadata.name");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    /** The strictness above is real: a misspelt field, a wrong scalar type and a duplicate key are all caught. */
    @Test
    void strictParsingCatchesWhatTheApiServerWouldRefuse() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          imagePullPolicys: Always
                """;
        Object deployment = TypedYaml.documents(Path.of("misspelt.yaml"), misspelt).get(0).object();
        assertThat(TypedYaml.unknownFields(deployment))
                .containsExactlyInAnyOrder("Deployment.spec.replica",
                        "Deployment.spec.template.spec.containers[0].imagePullPolicys");

        String topic = """
                apiVersion: %s
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: c}}
                spec: {partition: 3, config: {retention.ms: 1000}}
                """.formatted(TypedYaml.STRIMZI_API_VERSION);
        assertThat(TypedYaml.unknownFields(TypedYaml.documents(Path.of("topic.yaml"), topic).get(0).object()))
                .containsExactly("KafkaTopic.spec.partition");

        assertThatThrownBy(() -> TypedYaml.documents(Path.of("number.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x, labels: {enabled: true}}
                """)).hasMessageContaining("number.yaml");
        assertThatThrownBy(() -> TypedYaml.documents(Path.of("string.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {replicas: "2"}
                """)).hasMessageContaining("string.yaml");
        assertThatThrownBy(() -> TypedYaml.documents(Path.of("duplicate.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {a: "1", a: "2"}
                """)).hasMessageContaining("uplicate");
        assertThatThrownBy(() -> TypedYaml.documents(Path.of("kind.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                """)).hasMessageContaining("no typed model for v1/Pod");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kustomize

    /** What `kustomize build` would refuse or silently leave out, checked without the binary. */
    @Test
    void kustomizationsListEveryManifestAndEveryListedFileExists() {
        List<String> problems = new ArrayList<>();
        Path base = Repository.K8S;
        Set<Path> accounted = new TreeSet<>();
        manifests.kustomizations.forEach((directory, kustomization) -> {
            Path file = directory.resolve("kustomization.yaml");
            accounted.add(file);
            boolean isBase = directory.equals(base);
            String expectedKind = isBase ? "Kustomization" : "Component";
            if (!expectedKind.equals(kustomization.getKind())) {
                problems.add(file + ": kind " + kustomization.getKind() + ", expected " + expectedKind);
            }
            for (String resource : orEmpty(kustomization.getResources())) {
                Path path = directory.resolve(resource).normalize();
                if (!Files.isRegularFile(path)) {
                    problems.add(file + ": resource " + resource + " does not exist");
                }
                accounted.add(path);
            }
            for (String component : orEmpty(kustomization.getComponents())) {
                if (!manifests.kustomizations.containsKey(directory.resolve(component).normalize())) {
                    problems.add(file + ": component " + component + " has no kustomization.yaml");
                }
            }
            for (ConfigMapArgs generator : orEmpty(kustomization.getConfigMapGenerator())) {
                Manifests.generatedKeys(generator).values().stream().filter(Objects::nonNull).forEach(source -> {
                    if (!Files.isRegularFile(directory.resolve(source))) {
                        problems.add(file + ": configMapGenerator " + generator.getName() + " file " + source
                                + " does not exist");
                    }
                });
            }
            if (!orEmpty(kustomization.getSecretGenerator()).isEmpty()) {
                problems.add(file + ": secretGenerator in the base; Secrets are created by the operator");
            }
        });
        for (String component : Manifests.OPT_IN_COMPONENTS) {
            if (!manifests.kustomizations.containsKey(base.resolve(component))) {
                problems.add("opt-in component " + component + " has no kustomization.yaml");
            }
        }
        accounted.add(base.resolve(Manifests.SECRET_EXAMPLE));
        for (Path file : manifests.files.keySet()) {
            if (!accounted.contains(file)) {
                problems.add(base.relativize(file) + " is listed by no kustomization (list it, or exclude it"
                        + " deliberately in Manifests)");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBaseShipsNoSecretsAndTheExampleOnlyPlaceholders() {
        assertThat(manifests.applied(Secret.class)).as("Secrets applied by the base").isEmpty();
        assertThat(manifests.externalSecrets).as("secret-example.yaml").isNotEmpty();
        manifests.externalSecrets.forEach((name, secret) -> {
            assertThat(secret.getData()).as(name + " data (use stringData with visible placeholders)").isNullOrEmpty();
            orEmpty(secret.getStringData()).forEach((key, value) -> {
                if (key.equals("password") || key.endsWith("token") || key.equals("secret")) {
                    assertThat(value).as(name + "." + key).startsWith("EXAMPLE-ONLY");
                }
            });
        });
    }

    /** `kustomize build` (or `kubectl kustomize`) where one is installed: the rendered objects, typed, once more. */
    @Test
    void kustomizeBuildRendersTheBaseAndTheComponent(@TempDir Path overlay) throws Exception {
        List<String> command = kustomizeCommand();
        Assumptions.assumeTrue(command != null, "neither kustomize nor kubectl on PATH; the file checks above stand in");

        List<Document> rendered = render(command, Repository.K8S);
        List<String> problems = new ArrayList<>();
        rendered.forEach(document -> TypedYaml.unknownFields(document.object())
                .forEach(field -> problems.add("rendered " + document.describe() + ": unknown field " + field)));
        assertThat(problems).isEmpty();

        Set<String> expected = new TreeSet<>();
        for (Document document : manifests.applied) {
            if (!Repository.K8S.relativize(document.file()).startsWith("components")) {
                expected.add(kindAndName(document.object()));
            }
        }
        Kustomization base = manifests.kustomizations.get(Repository.K8S);
        Map<String, String> generatedNames = new LinkedHashMap<>();
        Set<String> renderedNames = new TreeSet<>();
        for (Document document : rendered) {
            String name = kindAndName(document.object());
            for (ConfigMapArgs generator : orEmpty(base.getConfigMapGenerator())) {
                if (name.startsWith("ConfigMap/" + generator.getName() + "-")) {
                    generatedNames.put(generator.getName(), name.substring("ConfigMap/".length()));
                    name = "ConfigMap/" + generator.getName();
                }
            }
            renderedNames.add(name);
        }
        orEmpty(base.getConfigMapGenerator()).forEach(generator -> expected.add("ConfigMap/" + generator.getName()));
        assertThat(renderedNames).as("objects of kustomize build").isEqualTo(expected);

        // kustomize renamed the generated ConfigMaps (hash suffix) and must have followed every reference.
        for (Document document : rendered) {
            if (document.object() instanceof Deployment deployment) {
                for (Volume volume : orEmpty(deployment.getSpec().getTemplate().getSpec().getVolumes())) {
                    if (volume.getConfigMap() != null && generatedNames.containsKey(volume.getConfigMap().getName())) {
                        problems.add("rendered " + deployment.getMetadata().getName() + " still names "
                                + volume.getConfigMap().getName());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();

        // An overlay that opts into every component renders too.
        StringBuilder kustomization = new StringBuilder("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                components:
                """.formatted(overlay.relativize(Repository.K8S)));
        Manifests.OPT_IN_COMPONENTS.forEach(component -> kustomization.append("  - ")
                .append(overlay.relativize(Repository.K8S.resolve(component))).append('\n'));
        Files.writeString(overlay.resolve("kustomization.yaml"), kustomization);
        Set<String> withComponents = render(command, overlay).stream()
                .map(document -> kindAndName(document.object())).collect(Collectors.toSet());
        for (Document document : manifests.applied) {
            if (Repository.K8S.relativize(document.file()).startsWith("components")) {
                assertThat(withComponents).contains(kindAndName(document.object()));
            }
        }
    }

    private static List<String> kustomizeCommand() {
        for (String candidate : List.of("kustomize", "kubectl")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, candidate))) {
                    return candidate.equals("kustomize")
                            ? List.of(Path.of(dir, candidate).toString(), "build")
                            : List.of(Path.of(dir, candidate).toString(), "kustomize");
                }
            }
        }
        return null;
    }

    private static List<Document> render(List<String> command, Path directory) throws IOException,
            InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.add(directory.toString());
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(full).redirectError(stderr.toFile()).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)).as("kustomize finished")
                    .isTrue();
            assertThat(process.exitValue()).as(String.join(" ", full) + ": " + Files.readString(stderr)).isZero();
            return TypedYaml.documents(directory.resolve("(kustomize build)"), new String(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String kindAndName(Object object) {
        HasMetadata resource = (HasMetadata) object;
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Workloads, Services, disruption budgets

    @Test
    void workloadSelectorsMatchTheirOwnPodTemplates() {
        List<String> problems = new ArrayList<>();
        List<Workload> workloads = manifests.workloads();
        assertThat(workloads).extracting(Workload::kind).contains("Deployment", "DaemonSet");
        for (Workload workload : workloads) {
            if (workload.selector() == null || Manifests.isEmpty(workload.selector())) {
                problems.add(workload.describe() + ": empty selector");
            } else if (!Manifests.matches(workload.selector(), workload.podLabels())) {
                problems.add(workload.describe() + ": selector " + workload.selector().getMatchLabels()
                        + " does not match its pod labels " + workload.podLabels());
            }
            for (Workload other : workloads) {
                if (other != workload && Manifests.matches(workload.selector(), other.podLabels())) {
                    problems.add(workload.describe() + ": selector also matches the pods of " + other.describe());
                }
            }
            Set<String> names = new LinkedHashSet<>();
            workload.containers().forEach(container -> {
                if (!names.add(container.getName())) {
                    problems.add(workload.describe() + ": two containers named " + container.getName());
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theServiceSelectsTheApiServicePodsAndTargetsTheirHttpPort() {
        List<String> problems = new ArrayList<>();
        List<Service> services = manifests.applied(Service.class);
        assertThat(services).isNotEmpty();
        for (Service service : services) {
            String name = service.getMetadata().getName();
            Map<String, String> selector = orEmpty(service.getSpec().getSelector());
            List<Workload> selected = manifests.workloads().stream()
                    .filter(workload -> !selector.isEmpty()
                            && Manifests.matches(new LabelSelector(null, selector), workload.podLabels()))
                    .toList();
            if (selected.isEmpty()) {
                problems.add("Service " + name + ": selector " + selector + " matches no pod template");
            }
            for (Workload workload : selected) {
                for (ServicePort port : orEmpty(service.getSpec().getPorts())) {
                    IntOrString target = port.getTargetPort() != null ? port.getTargetPort()
                            : new IntOrString(port.getPort());
                    boolean served = orEmpty(workload.pod().getContainers()).stream()
                            .anyMatch(container -> Manifests.port(container, target).isPresent());
                    if (!served) {
                        problems.add("Service " + name + " port " + port.getPort() + ": targetPort " + show(target)
                                + " is no container port of " + workload.describe());
                    }
                }
            }
        }
        Service api = service("dialfleet-api-service");
        Workload apiWorkload = workloadRunning(ServiceContract.API_SERVICE).get(0);
        assertThat(Manifests.matches(new LabelSelector(null, api.getSpec().getSelector()), apiWorkload.podLabels()))
                .as("the api-service Service selects " + apiWorkload.describe()).isTrue();
        assertThat(api.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(8080);
        assertThat(problems).isEmpty();
    }

    @Test
    void theApiServiceRunsTwoReplicasAndItsDisruptionBudgetSelectsThem() {
        Workload api = workloadRunning(ServiceContract.API_SERVICE).get(0);
        assertThat(api.kind()).isEqualTo("Deployment");
        assertThat(api.replicas()).isEqualTo(2);
        for (PodDisruptionBudget budget : manifests.applied(PodDisruptionBudget.class)) {
            List<Workload> selected = manifests.workloads().stream()
                    .filter(workload -> Manifests.matches(budget.getSpec().getSelector(), workload.podLabels()))
                    .toList();
            assertThat(selected).as("pods of PodDisruptionBudget " + budget.getMetadata().getName()).isNotEmpty();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            if (minAvailable != null && minAvailable.getIntVal() != null) {
                selected.forEach(workload -> assertThat(minAvailable.getIntVal())
                        .as("minAvailable below the replicas of " + workload.describe())
                        .isLessThan(workload.replicas()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Secrets, ConfigMaps

    @Test
    void everyReferencedSecretAndConfigMapIsDefinedWithTheKey() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            forEachReference(workload, (reference, where) -> {
                String problem = switch (reference.kind()) {
                    case CONFIG_MAP -> !manifests.configMaps.containsKey(reference.name())
                            ? "ConfigMap " + reference.name() + " is not defined in the base"
                            : reference.key() != null && !manifests.configMaps.get(reference.name()).contains(reference.key())
                                    ? "ConfigMap " + reference.name() + " has no key " + reference.key()
                                    : null;
                    case SECRET -> !manifests.externalSecrets.containsKey(reference.name())
                            ? "Secret " + reference.name() + " is not documented in " + Manifests.SECRET_EXAMPLE
                            : reference.key() != null && !secretKeys(reference.name()).contains(reference.key())
                                    ? "Secret " + reference.name() + " has no key " + reference.key() + " in "
                                            + Manifests.SECRET_EXAMPLE
                                    : null;
                };
                if (problem != null) {
                    problems.add(workload.describe() + " " + where + ": " + problem);
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    /**
     * No shared agent token (the development mode stays out of the base), and every agent gets its own server's key
     * from dialfleet-agent-keys: the sidecar its server's entry, the DaemonSet the file named by its node's IP in
     * the Secret mounted read-only for the owner only.
     */
    @Test
    void everyAgentReadsItsOwnServersKeyAndNoOneTheSharedToken() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : dialfleetContainers(workload)) {
                for (String shared : List.of("DIALFLEET_INTERNAL_TOKEN", "DIALFLEET_AGENTS_AUTH")) {
                    if (Manifests.env(container, shared).isPresent()) {
                        problems.add(workload.describe() + ": " + shared);
                    }
                }
                if (!container.getImage().contains("refresh-agent")) {
                    continue;
                }
                String server = Manifests.env(container, "DIALFLEET_AGENT_SERVER_IP").map(EnvVar::getValue)
                        .orElse(null);
                var credential = Manifests.env(container, "DIALFLEET_AGENT_CREDENTIAL");
                var file = Manifests.env(container, "DIALFLEET_AGENT_CREDENTIAL_FILE");
                if (credential.isPresent()) {
                    var reference = credential.get().getValueFrom().getSecretKeyRef();
                    if (!AGENT_KEYS.equals(reference.getName()) || server == null || !server.equals(reference.getKey())) {
                        problems.add(workload.describe() + ": credential " + reference.getName() + "/"
                                + reference.getKey() + " is not the key of its server " + server);
                    }
                } else if (file.isPresent()) {
                    String path = file.get().getValue();
                    String directory = path.substring(0, path.lastIndexOf('/'));
                    if (!path.endsWith("/$(DIALFLEET_AGENT_SERVER_IP)")) {
                        problems.add(workload.describe() + ": credential file " + path + " is not named by the server");
                    }
                    boolean mounted = container.getVolumeMounts().stream().anyMatch(mount ->
                            mount.getMountPath().equals(directory) && Boolean.TRUE.equals(mount.getReadOnly())
                                    && workload.template().getSpec().getVolumes().stream().anyMatch(volume ->
                                            volume.getName().equals(mount.getName()) && volume.getSecret() != null
                                                    && AGENT_KEYS.equals(volume.getSecret().getSecretName())
                                                    && Integer.valueOf(0400).equals(volume.getSecret().getDefaultMode())));
                    if (!mounted) {
                        problems.add(workload.describe() + ": " + directory + " is not " + AGENT_KEYS
                                + " mounted read-only with mode 0400");
                    }
                } else {
                    problems.add(workload.describe() + ": no agent credential");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The VICIdial bridge's URL and MySQL credentials come from one Secret, documented in the example with every key
     * the api-service reads; the references are optional, so a cluster without VICIdial starts with the bridge off.
     */
    @Test
    void theVicidialBridgeReadsItsUrlAndCredentialsFromOneOptionalSecret() {
        Map<String, String> keyOf = Map.of("DIALFLEET_VICIDIAL_URL", "url", "DIALFLEET_VICIDIAL_USERNAME", "username",
                "DIALFLEET_VICIDIAL_PASSWORD", "password");
        List<String> problems = new ArrayList<>();
        Set<String> secrets = new TreeSet<>();
        List<Workload> apis = workloadRunning(ServiceContract.API_SERVICE);
        assertThat(apis).isNotEmpty();
        for (Workload workload : apis) {
            for (Container container : dialfleetContainers(workload)) {
                keyOf.forEach((variable, key) -> {
                    Optional<EnvVar> env = Manifests.env(container, variable);
                    var reference = env.map(EnvVar::getValueFrom).map(EnvVarSource::getSecretKeyRef);
                    if (reference.isEmpty()) {
                        problems.add(workload.describe() + ": " + variable + " not from a Secret");
                        return;
                    }
                    secrets.add(reference.get().getName());
                    if (!key.equals(reference.get().getKey())) {
                        problems.add(workload.describe() + ": " + variable + " from key " + reference.get().getKey());
                    }
                    if (!Boolean.TRUE.equals(reference.get().getOptional())) {
                        problems.add(workload.describe() + ": " + variable + " is not optional (the bridge is opt-in)");
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
        assertThat(secrets).hasSize(1);
        String secret = secrets.iterator().next();
        assertThat(manifests.externalSecrets).as("documented in " + Manifests.SECRET_EXAMPLE).containsKey(secret);
        assertThat(secretKeys(secret)).containsExactlyInAnyOrderElementsOf(keyOf.values());
        assertThat(ServiceContract.API_SERVICE.environmentVariables()).as("read by the api-service")
                .containsAll(keyOf.keySet());
    }

    enum ReferenceKind { CONFIG_MAP, SECRET }

    record Reference(ReferenceKind kind, String name, String key) {
    }

    private static void forEachReference(Workload workload, BiConsumer<Reference, String> action) {
        for (Container container : workload.containers()) {
            for (EnvVar variable : orEmpty(container.getEnv())) {
                EnvVarSource source = variable.getValueFrom();
                String where = container.getName() + " env " + variable.getName();
                if (source != null && source.getSecretKeyRef() != null && !Boolean.TRUE.equals(source.getSecretKeyRef().getOptional())) {
                    action.accept(new Reference(ReferenceKind.SECRET, source.getSecretKeyRef().getName(),
                            source.getSecretKeyRef().getKey()), where);
                }
                if (source != null && source.getConfigMapKeyRef() != null && !Boolean.TRUE.equals(source.getConfigMapKeyRef().getOptional())) {
                    action.accept(new Reference(ReferenceKind.CONFIG_MAP, source.getConfigMapKeyRef().getName(),
                            source.getConfigMapKeyRef().getKey()), where);
                }
            }
            for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
                String where = container.getName() + " envFrom";
                if (source.getSecretRef() != null) {
                    action.accept(new Reference(ReferenceKind.SECRET, source.getSecretRef().getName(), null), where);
                }
                if (source.getConfigMapRef() != null) {
                    action.accept(new Reference(ReferenceKind.CONFIG_MAP, source.getConfigMapRef().getName(), null), where);
                }
            }
        }
        for (Volume volume : orEmpty(workload.pod().getVolumes())) {
            String where = "volume " + volume.getName();
            if (volume.getConfigMap() != null) {
                keysOf(volume.getConfigMap().getItems()).forEach(key -> action.accept(
                        new Reference(ReferenceKind.CONFIG_MAP, volume.getConfigMap().getName(), key), where));
            }
            if (volume.getSecret() != null) {
                keysOf(volume.getSecret().getItems()).forEach(key -> action.accept(
                        new Reference(ReferenceKind.SECRET, volume.getSecret().getSecretName(), key), where));
            }
            if (volume.getProjected() != null) {
                for (VolumeProjection projection : orEmpty(volume.getProjected().getSources())) {
                    if (projection.getConfigMap() != null) {
                        keysOf(projection.getConfigMap().getItems()).forEach(key -> action.accept(
                                new Reference(ReferenceKind.CONFIG_MAP, projection.getConfigMap().getName(), key), where));
                    }
                    if (projection.getSecret() != null) {
                        keysOf(projection.getSecret().getItems()).forEach(key -> action.accept(
                                new Reference(ReferenceKind.SECRET, projection.getSecret().getName(), key), where));
                    }
                }
            }
        }
    }

    /** The keys a volume projects, or a single null (the whole object) when it lists none. */
    private static List<String> keysOf(List<KeyToPath> items) {
        List<String> keys = new ArrayList<>();
        orEmpty(items).forEach(item -> keys.add(item.getKey()));
        if (keys.isEmpty()) {
            keys.add(null);
        }
        return keys;
    }

    private static Set<String> secretKeys(String name) {
        Secret secret = manifests.externalSecrets.get(name);
        Set<String> keys = new TreeSet<>(orEmpty(secret.getStringData()).keySet());
        keys.addAll(orEmpty(secret.getData()).keySet());
        return keys;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Containers: environment, ports, probes

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.containers()) {
                Optional<ServiceContract> contract = ServiceContract.forImage(container.getImage());
                if (contract.isEmpty()) {
                    continue;
                }
                Set<String> names = environmentNames(container);
                for (String name : names) {
                    if (!contract.get().environmentVariables().contains(name)) {
                        problems.add(workload.describe() + " " + container.getName() + ": " + name
                                + " is read by no " + contract.get().module() + " configuration (reads: "
                                + contract.get().environmentVariables() + ")");
                    }
                }
                Set<String> required = new TreeSet<>(contract.get().requiredEnvironmentVariables());
                required.addAll(contract.get() == ServiceContract.API_SERVICE
                        ? API_SERVICE_ENVIRONMENT : REFRESH_AGENT_ENVIRONMENT);
                required.removeAll(names);
                if (!required.isEmpty()) {
                    problems.add(workload.describe() + " " + container.getName() + ": missing " + required);
                }
            }
        }
        assertThat(workloadRunning(ServiceContract.API_SERVICE)).isNotEmpty();
        assertThat(workloadRunning(ServiceContract.REFRESH_AGENT)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(problems).isEmpty();
    }

    private static Set<String> environmentNames(Container container) {
        Set<String> names = new TreeSet<>();
        orEmpty(container.getEnv()).forEach(variable -> names.add(variable.getName()));
        for (EnvFromSource source : orEmpty(container.getEnvFrom())) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (source.getConfigMapRef() != null) {
                manifests.configMaps.getOrDefault(source.getConfigMapRef().getName(), Set.of())
                        .forEach(key -> names.add(prefix + key));
            }
            if (source.getSecretRef() != null && manifests.externalSecrets.containsKey(source.getSecretRef().getName())) {
                secretKeys(source.getSecretRef().getName()).forEach(key -> names.add(prefix + key));
            }
        }
        return names;
    }

    @Test
    void probesAndPortsAreTheServicesHttpPortAndQuarkusHealthEndpoints() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.containers()) {
                String where = workload.describe() + " " + container.getName();
                Map<String, Probe> probes = new LinkedHashMap<>();
                probes.put("readiness", container.getReadinessProbe());
                probes.put("liveness", container.getLivenessProbe());
                probes.put("startup", container.getStartupProbe());
                probes.forEach((type, probe) -> {
                    if (probe == null) {
                        return;
                    }
                    IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
                    if (port != null && Manifests.port(container, port).isEmpty()) {
                        problems.add(where + ": " + type + " probe port " + show(port) + " is no container port");
                    }
                });
                for (ContainerPort port : orEmpty(container.getPorts())) {
                    if (port.getHostPort() != null && !port.getHostPort().equals(port.getContainerPort())
                            && Boolean.TRUE.equals(workload.pod().getHostNetwork())) {
                        problems.add(where + ": host network needs hostPort = containerPort");
                    }
                }
                Optional<ServiceContract> contract = ServiceContract.forImage(container.getImage());
                if (contract.isEmpty()) {
                    continue;
                }
                int httpPort = contract.get().httpPort(Manifests.literalEnvironment(container));
                if (orEmpty(container.getPorts()).stream().noneMatch(port -> port.getContainerPort() == httpPort
                        && "http".equals(port.getName()))) {
                    problems.add(where + ": no container port http = " + httpPort + " (quarkus.http.port)");
                }
                checkHealthProbe(problems, where, container, "readiness", container.getReadinessProbe(),
                        Set.of("/q/health/ready"), httpPort);
                checkHealthProbe(problems, where, container, "liveness", container.getLivenessProbe(),
                        Set.of("/q/health/live"), httpPort);
                if (container.getStartupProbe() != null) {
                    checkHealthProbe(problems, where, container, "startup", container.getStartupProbe(),
                            Set.of("/q/health/live", "/q/health/started"), httpPort);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Prometheus finds every service container through its pod's annotations (the kubernetes_sd pod role of
     * docs/operations.md, "Metrics"): scrape on, the service's HTTP port, {@code /q/metrics} — which the service
     * serves only with the Micrometer Prometheus extension. Both services log JSON lines here.
     */
    @Test
    void everyServiceIsScrapedOnItsHttpPortAndLogsJsonLines() {
        List<String> problems = new ArrayList<>();
        int services = 0;
        for (Workload workload : manifests.workloads()) {
            Map<String, String> annotations = workload.template().getMetadata() == null ? Map.of()
                    : orEmpty(workload.template().getMetadata().getAnnotations());
            for (Container container : workload.containers()) {
                Optional<ServiceContract> contract = ServiceContract.forImage(container.getImage());
                if (contract.isEmpty()) {
                    continue;
                }
                services++;
                String where = workload.describe() + " " + container.getName();
                Map<String, String> environment = Manifests.literalEnvironment(container);
                String httpPort = String.valueOf(contract.get().httpPort(environment));
                if (!"true".equals(annotations.get("prometheus.io/scrape"))) {
                    problems.add(where + ": pod not annotated prometheus.io/scrape: \"true\"");
                }
                if (!httpPort.equals(annotations.get("prometheus.io/port"))) {
                    problems.add(where + ": prometheus.io/port " + annotations.get("prometheus.io/port")
                            + ", the service listens on " + httpPort);
                }
                if (!"/q/metrics".equals(annotations.get("prometheus.io/path"))) {
                    problems.add(where + ": prometheus.io/path " + annotations.get("prometheus.io/path"));
                }
                if (!Repository.read(Repository.ROOT.resolve(contract.get().module()).resolve("pom.xml"))
                        .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>")) {
                    problems.add(where + ": " + contract.get().module() + " serves no /q/metrics");
                }
                if (!"true".equals(environment.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"))) {
                    problems.add(where + ": QUARKUS_LOG_CONSOLE_JSON_ENABLED is not \"true\"");
                }
            }
        }
        assertThat(services).as("service containers").isGreaterThanOrEqualTo(3);
        assertThat(problems).isEmpty();
    }

    private static void checkHealthProbe(List<String> problems, String where, Container container, String type,
            Probe probe, Set<String> paths, int httpPort) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + ": no HTTP " + type + " probe");
            return;
        }
        if (!paths.contains(probe.getHttpGet().getPath())) {
            problems.add(where + ": " + type + " probe on " + probe.getHttpGet().getPath() + ", expected " + paths);
        }
        Manifests.port(container, probe.getHttpGet().getPort())
                .filter(port -> port.getContainerPort() != httpPort)
                .ifPresent(port -> problems.add(where + ": " + type + " probe on port " + port.getContainerPort()
                        + ", the service listens on " + httpPort));
    }

    /** The services write only to /tmp (Vert.x file cache) and the agent's conf directory. */
    @Test
    void readOnlyRootFileSystemsKeepAWritableTmp() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : dialfleetContainers(workload)) {
                boolean readOnly = container.getSecurityContext() != null
                        && Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem());
                boolean tmp = orEmpty(container.getVolumeMounts()).stream()
                        .anyMatch(mount -> mount.getMountPath().equals("/tmp") && !Boolean.TRUE.equals(mount.getReadOnly()));
                if (readOnly && !tmp) {
                    problems.add(workload.describe() + " " + container.getName() + ": read-only root, no /tmp volume");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The seed

    @Test
    void theSeedConfigMapIsMountedWhereDialfleetSeedFilePoints() throws IOException {
        Workload api = workloadRunning(ServiceContract.API_SERVICE).get(0);
        Container container = dialfleetContainers(api).get(0);
        String seedFile = Manifests.env(container, "DIALFLEET_SEED_FILE").map(EnvVar::getValue).orElseThrow();
        Path seedPath = Path.of(seedFile);
        VolumeMount mount = orEmpty(container.getVolumeMounts()).stream()
                .filter(candidate -> Path.of(candidate.getMountPath()).equals(seedPath.getParent()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounted at " + seedPath.getParent()));
        Volume volume = volume(api, mount.getName());
        assertThat(volume.getConfigMap()).as("volume " + volume.getName() + " is a ConfigMap").isNotNull();
        String configMap = volume.getConfigMap().getName();
        String fileName = seedPath.getFileName().toString();
        List<KeyToPath> items = orEmpty(volume.getConfigMap().getItems());
        String key = items.isEmpty() ? fileName : items.stream().filter(item -> item.getPath().equals(fileName))
                .map(KeyToPath::getKey).findFirst().orElseThrow();

        ConfigMapArgs generator = orEmpty(manifests.kustomizations.get(Repository.K8S).getConfigMapGenerator()).stream()
                .filter(candidate -> candidate.getName().equals(configMap))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the seed ConfigMap " + configMap + " is generated from a file"));
        String source = Manifests.generatedKeys(generator).get(key);
        assertThat(source).as("key " + key + " of " + configMap).isNotNull();

        JsonNode seed = TypedYaml.MAPPER.readTree(Repository.K8S.resolve(source).toFile());
        Set<String> seedServers = checkSeed(seed, source);
        for (Workload workload : manifests.workloads()) {
            for (Container agent : dialfleetContainers(workload)) {
                Manifests.env(agent, "DIALFLEET_AGENT_SERVER_IP").map(EnvVar::getValue).ifPresent(ip -> assertThat(
                        seedServers).as(workload.describe() + " manages a server of the seed").contains(ip));
            }
        }
    }

    /** Checks a seed document's shape (docs/spec/seed-format.md) and answers its servers' IPs. */
    static Set<String> checkSeed(JsonNode seed, String source) {
        assertThat(seed.isObject()).as(source + " is a JSON object").isTrue();
        Set<String> tables = new TreeSet<>();
        seed.fieldNames().forEachRemaining(tables::add);
        assertThat(SEED_TABLES).as("tables of " + source).containsAll(tables);
        Set<String> servers = new TreeSet<>();
        seed.path("servers").forEach(server -> servers.add(server.path("server_ip").asText()));
        assertThat(servers).as("servers of " + source).isNotEmpty().doesNotContain("");
        return servers;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Refresh-agents next to Asterisk

    @Test
    void everyAgentSharesTheAsteriskConfDirectoryAndReachesAmi() {
        List<String> problems = new ArrayList<>();
        boolean sidecar = false;
        boolean daemonSet = false;
        for (Workload workload : workloadRunning(ServiceContract.REFRESH_AGENT)) {
            Container agent = dialfleetContainers(workload).get(0);
            String where = workload.describe();
            Map<String, String> environment = Manifests.literalEnvironment(agent);
            String confDir = ServiceContract.REFRESH_AGENT.resolve("dialfleet.agent.conf.directory", environment);
            Optional<VolumeMount> mount = orEmpty(agent.getVolumeMounts()).stream()
                    .filter(candidate -> candidate.getMountPath().equals(confDir))
                    .findFirst();
            if (mount.isEmpty()) {
                problems.add(where + ": nothing mounted at the agent's conf directory " + confDir);
                continue;
            }
            if (Boolean.TRUE.equals(mount.get().getReadOnly())) {
                problems.add(where + ": " + confDir + " is read-only for the agent");
            }
            Volume volume = volume(workload, mount.get().getName());
            boolean hostNetwork = Boolean.TRUE.equals(workload.pod().getHostNetwork());
            Optional<Container> asterisk = orEmpty(workload.pod().getContainers()).stream()
                    .filter(container -> container.getName().equals("asterisk"))
                    .findFirst();
            EnvVar serverIp = Manifests.env(agent, "DIALFLEET_AGENT_SERVER_IP").orElseThrow();
            if (volume.getHostPath() != null) {
                daemonSet = true;
                if (!volume.getHostPath().getPath().equals("/etc/asterisk")) {
                    problems.add(where + ": hostPath " + volume.getHostPath().getPath() + ", expected /etc/asterisk");
                }
                if (!workload.kind().equals("DaemonSet") || !hostNetwork
                        || !"ClusterFirstWithHostNet".equals(workload.pod().getDnsPolicy())
                        || orEmpty(workload.pod().getNodeSelector()).isEmpty()) {
                    problems.add(where + ": the node's Asterisk needs a DaemonSet with hostNetwork, dnsPolicy"
                            + " ClusterFirstWithHostNet and a nodeSelector");
                }
                if (serverIp.getValueFrom() == null || serverIp.getValueFrom().getFieldRef() == null
                        || !"status.hostIP".equals(serverIp.getValueFrom().getFieldRef().getFieldPath())) {
                    problems.add(where + ": DIALFLEET_AGENT_SERVER_IP should be the node's IP (status.hostIP)");
                }
            } else if (volume.getEmptyDir() != null) {
                sidecar = true;
                boolean shared = asterisk.isPresent() && orEmpty(asterisk.get().getVolumeMounts()).stream()
                        .anyMatch(candidate -> candidate.getName().equals(volume.getName())
                                && candidate.getMountPath().equals("/etc/asterisk"));
                if (!shared) {
                    problems.add(where + ": volume " + volume.getName() + " is not Asterisk's /etc/asterisk");
                }
                if (!Integer.valueOf(1).equals(workload.replicas())) {
                    problems.add(where + ": one Asterisk per server_ip: replicas must be 1");
                }
                if (workload.owner() instanceof Deployment deployment && (deployment.getSpec().getStrategy() == null
                        || !"Recreate".equals(deployment.getSpec().getStrategy().getType()))) {
                    problems.add(where + ": a rolling update would run two agents of one server_ip");
                }
            } else {
                problems.add(where + ": " + confDir + " is neither the node's directory nor a shared emptyDir");
            }
            String reloadMode = ServiceContract.REFRESH_AGENT.resolve("dialfleet.agent.reload.mode", environment);
            String amiHost = ServiceContract.REFRESH_AGENT.properties().containsKey("dialfleet.agent.reload.ami.host")
                    ? ServiceContract.REFRESH_AGENT.resolve("dialfleet.agent.reload.ami.host", environment)
                    : "127.0.0.1";
            if (reloadMode.equals("ami") && amiHost.equals("127.0.0.1") && !hostNetwork && asterisk.isEmpty()) {
                problems.add(where + ": AMI on 127.0.0.1 needs Asterisk in the pod or the host network");
            }
        }
        assertThat(sidecar).as("an Asterisk pod with the agent as a sidecar").isTrue();
        assertThat(daemonSet).as("a DaemonSet for Asterisk installed on the node").isTrue();
        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kafka

    @Test
    void kafkaTopicsAreTheServicesDefaultsWithTheirPolicies() {
        List<KafkaTopic> topics = manifests.applied(KafkaTopic.class);
        Map<String, KafkaTopic> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KafkaTopic topic : topics) {
            String name = topic.getMetadata().getName();
            // The apiVersion is checked when the document is read (TypedYaml.KINDS): Strimzi's model reports the
            // version of its own annotations, not the document's.
            if (!name.equals(topic.getSpec().getTopicName())) {
                problems.add(name + ": spec.topicName " + topic.getSpec().getTopicName());
            }
            if (orEmpty(topic.getMetadata().getLabels()).get("strimzi.io/cluster") == null) {
                problems.add(name + ": no strimzi.io/cluster label");
            }
            Integer replicas = topic.getSpec().getReplicas();
            Object minInsync = orEmpty(topic.getSpec().getConfig()).get("min.insync.replicas");
            if (replicas != null && minInsync != null && ((Number) minInsync).intValue() >= replicas) {
                problems.add(name + ": min.insync.replicas must stay below replicas, or one broker down stops acks=all");
            }
            byName.put(name, topic);
        }
        assertThat(problems).isEmpty();
        assertThat(topics).extracting(topic -> topic.getMetadata().getLabels().get("strimzi.io/cluster"))
                .as("one Strimzi cluster").containsOnly(kafkaCluster());
        assertThat(byName.keySet()).as("KafkaTopics = Topics defaults + channel topics of both services")
                .containsExactlyInAnyOrderElementsOf(ServiceContract.expectedTopics());

        assertThat(cleanupPolicy(byName.get(Topics.PHONE_CHANGES))).isEqualTo("delete");
        assertThat(retentionMs(byName.get(Topics.PHONE_CHANGES))).as("audit retention")
                .isGreaterThanOrEqualTo(Duration.ofDays(30).toMillis());
        assertThat(cleanupPolicy(byName.get(Topics.REFRESH_REQUESTS))).isEqualTo("delete");
        assertThat(retentionMs(byName.get(Topics.REFRESH_REQUESTS))).as("request retention")
                .isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
        assertThat(cleanupPolicy(byName.get(Topics.REFRESH_STATUS))).isIn("delete", "compact,delete");
        for (String consumed : List.of(Topics.REFRESH_REQUESTS, Topics.REFRESH_STATUS)) {
            assertThat(byName).containsKey(consumed + Topics.DEAD_LETTER_SUFFIX);
        }

        // Every api-service replica should get a partition of the status topic, or it idles as a consumer.
        Workload api = workloadRunning(ServiceContract.API_SERVICE).get(0);
        for (String keyed : List.of(Topics.PHONE_CHANGES, Topics.REFRESH_REQUESTS, Topics.REFRESH_STATUS)) {
            assertThat(byName.get(keyed).getSpec().getPartitions()).as(keyed + " partitions")
                    .isGreaterThanOrEqualTo(api.replicas());
        }
    }

    private static String cleanupPolicy(KafkaTopic topic) {
        return String.valueOf(orEmpty(topic.getSpec().getConfig()).get("cleanup.policy"));
    }

    private static long retentionMs(KafkaTopic topic) {
        return ((Number) orEmpty(topic.getSpec().getConfig()).get("retention.ms")).longValue();
    }

    private static String kafkaCluster() {
        return manifests.applied(KafkaTopic.class).get(0).getMetadata().getLabels().get("strimzi.io/cluster");
    }

    /** The addresses in dialfleet-config name the api-service Service and the Strimzi cluster of the topics. */
    @Test
    void configuredAddressesNameThisBase() {
        ConfigMap config = manifests.applied(ConfigMap.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals("dialfleet-config"))
                .findFirst().orElseThrow();
        URI apiUrl = URI.create(config.getData().get("api-url"));
        Service api = service("dialfleet-api-service");
        assertThat(apiUrl.getHost().split("\\.")[0]).as("host of api-url").isEqualTo(api.getMetadata().getName());
        assertThat(api.getSpec().getPorts()).extracting(ServicePort::getPort).contains(apiUrl.getPort());
        for (String server : config.getData().get("kafka-bootstrap-servers").split(",")) {
            String host = server.substring(0, server.lastIndexOf(':'));
            assertThat(host.split("\\.")[0]).as("Strimzi bootstrap Service of the topics' cluster")
                    .isEqualTo(kafkaCluster() + "-kafka-bootstrap");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // NetworkPolicies

    @Test
    void networkPolicySelectorsAndPortsMatchPodsOfTheBase() {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = manifests.applied(NetworkPolicy.class);
        assertThat(policies).isNotEmpty();
        for (NetworkPolicy policy : policies) {
            String name = "NetworkPolicy " + policy.getMetadata().getName();
            List<Workload> targets = selectedWorkloads(policy.getSpec().getPodSelector());
            if (targets.isEmpty()) {
                problems.add(name + ": podSelector matches no pod of the base");
            }
            orEmpty(policy.getSpec().getIngress()).forEach(rule -> {
                checkPeers(problems, name + " ingress", rule.getFrom());
                checkPorts(problems, name + " ingress", rule.getPorts(), targets);
            });
            orEmpty(policy.getSpec().getEgress()).forEach(rule -> {
                checkPeers(problems, name + " egress", rule.getTo());
                for (NetworkPolicyPeer peer : orEmpty(rule.getTo())) {
                    List<Workload> destinations = peer.getPodSelector() == null
                            || Manifests.isEmpty(peer.getPodSelector()) ? List.of()
                            : selectedWorkloads(peer.getPodSelector());
                    checkPorts(problems, name + " egress", rule.getPorts(), destinations);
                }
            });
        }
        // The api-service is closed to all but what its policy admits, on the port it listens on.
        Workload api = workloadRunning(ServiceContract.API_SERVICE).get(0);
        assertThat(policies).as("a NetworkPolicy for the api-service's ingress").anyMatch(policy ->
                Manifests.matches(policy.getSpec().getPodSelector(), api.podLabels())
                        && orEmpty(policy.getSpec().getPolicyTypes()).contains("Ingress"));
        assertThat(problems).isEmpty();
    }

    private static List<Workload> selectedWorkloads(LabelSelector selector) {
        return manifests.workloads().stream()
                .filter(workload -> Manifests.matches(selector, workload.podLabels()))
                .toList();
    }

    private static void checkPeers(List<String> problems, String where, List<NetworkPolicyPeer> peers) {
        for (NetworkPolicyPeer peer : orEmpty(peers)) {
            if (peer.getIpBlock() != null) {
                if (!peer.getIpBlock().getCidr().matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+|[0-9a-fA-F:]+/\\d+")) {
                    problems.add(where + ": CIDR " + peer.getIpBlock().getCidr());
                }
                continue;
            }
            LabelSelector pods = peer.getPodSelector();
            if (pods == null || Manifests.isEmpty(pods) || !selectedWorkloads(pods).isEmpty()) {
                continue;
            }
            Map<String, String> labels = orEmpty(pods.getMatchLabels());
            boolean external = labels.equals(Map.of(CLIENT_LABEL, "true"))
                    || labels.equals(Map.of("strimzi.io/cluster", kafkaCluster(), "strimzi.io/kind", "Kafka"))
                    || labels.equals(Map.of("k8s-app", "kube-dns")) && peer.getNamespaceSelector() != null
                            && "kube-system".equals(orEmpty(peer.getNamespaceSelector().getMatchLabels())
                                    .get("kubernetes.io/metadata.name"));
            if (!external) {
                problems.add(where + ": podSelector " + labels + " matches no pod of the base and no documented"
                        + " external pods (" + CLIENT_LABEL + ", the Strimzi cluster " + kafkaCluster()
                        + ", kube-dns)");
            }
        }
    }

    private static void checkPorts(List<String> problems, String where, List<NetworkPolicyPort> ports,
            List<Workload> workloads) {
        for (NetworkPolicyPort port : orEmpty(ports)) {
            if (port.getPort() == null || port.getEndPort() != null) {
                continue;
            }
            for (Workload workload : workloads) {
                boolean open = orEmpty(workload.pod().getContainers()).stream()
                        .anyMatch(container -> Manifests.port(container, port.getPort()).isPresent());
                if (!open) {
                    problems.add(where + ": port " + show(port.getPort()) + " is no container port of "
                            + workload.describe());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Images

    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+)");

    @Test
    void dockerfilesExposeTheHttpPortAndRunAsTheUserThePodsExpect() {
        for (ServiceContract contract : List.of(ServiceContract.API_SERVICE, ServiceContract.REFRESH_AGENT)) {
            String dockerfile = Repository.read(contract.dockerfilePath());
            Matcher expose = EXPOSE.matcher(dockerfile);
            assertThat(expose.find()).as(contract.module() + " EXPOSE").isTrue();
            assertThat(Integer.parseInt(expose.group(1))).as(contract.module() + " EXPOSE")
                    .isEqualTo(contract.httpPort(Map.of()));
            Matcher user = USER.matcher(dockerfile);
            assertThat(user.find()).as(contract.module() + " numeric USER").isTrue();
            long uid = Long.parseLong(user.group(1));
            assertThat(uid).as(contract.module() + " runs as non-root").isNotZero();
            for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/", "target/quarkus-app/*.jar")) {
                assertThat(dockerfile).contains("COPY " + layer);
            }
            assertThat(dockerfile).contains("quarkus-run.jar").contains("$JAVA_OPTS");
            assertThat(contract.dockerfile()).contains("JAVA_OPTS");

            // Pods that insist on a non-root user name the image's.
            for (Workload workload : workloadRunning(contract)) {
                for (Container container : dialfleetContainers(workload)) {
                    Long runAsUser = container.getSecurityContext() != null
                            && container.getSecurityContext().getRunAsUser() != null
                            ? container.getSecurityContext().getRunAsUser()
                            : workload.pod().getSecurityContext() != null
                                    ? workload.pod().getSecurityContext().getRunAsUser() : null;
                    if (runAsUser != null && runAsUser != 0) {
                        assertThat(runAsUser).as(workload.describe() + " runAsUser").isEqualTo(uid);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<Workload> workloadRunning(ServiceContract contract) {
        return manifests.workloads().stream()
                .filter(workload -> workload.containers().stream()
                        .anyMatch(container -> ServiceContract.forImage(container.getImage()).orElse(null) == contract))
                .toList();
    }

    private static List<Container> dialfleetContainers(Workload workload) {
        return workload.containers().stream()
                .filter(container -> ServiceContract.forImage(container.getImage()).isPresent())
                .toList();
    }

    private static String show(IntOrString port) {
        return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static Service service(String name) {
        return manifests.applied(Service.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
    }

    private static Volume volume(Workload workload, String name) {
        return orEmpty(workload.pod().getVolumes()).stream()
                .filter(candidate -> candidate.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(workload.describe() + ": no volume " + name));
    }
}
