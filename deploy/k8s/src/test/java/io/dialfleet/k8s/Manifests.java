package io.dialfleet.k8s;

import io.dialfleet.k8s.TypedYaml.Document;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.ConfigMapArgs;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The manifests of deploy/k8s, typed: what the base kustomization (and its components) applies, the documented
 * external Secrets of secret-example.yaml, and the kustomization files themselves.
 */
final class Manifests {

    /** Listed by no kustomization, on purpose: the Secrets an operator creates (the base ships no credentials). */
    static final String SECRET_EXAMPLE = "secret-example.yaml";

    /** Components the base does not include: an overlay opts in. */
    static final Set<String> OPT_IN_COMPONENTS = Set.of("components/agent-egress");

    final Path directory;
    /** Every YAML file under the directory, with its typed documents. */
    final Map<Path, List<Document>> files = new LinkedHashMap<>();
    /** Every kustomization.yaml, typed, by the directory it is in. */
    final Map<Path, Kustomization> kustomizations = new LinkedHashMap<>();
    /** What the base and the opt-in components apply. */
    final List<Document> applied = new ArrayList<>();
    /** The Secrets of secret-example.yaml, by name. */
    final Map<String, Secret> externalSecrets = new LinkedHashMap<>();
    /** ConfigMaps defined by the base (resources and generators): name → keys. */
    final Map<String, Set<String>> configMaps = new LinkedHashMap<>();

    private Manifests(Path directory) {
        this.directory = directory;
    }

    static Manifests load(Path directory) {
        Manifests manifests = new Manifests(directory);
        for (Path file : yamlFiles(directory)) {
            List<Document> documents = TypedYaml.documents(file, Repository.read(file));
            manifests.files.put(file, documents);
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                manifests.kustomizations.put(file.getParent(), (Kustomization) documents.get(0).object());
            }
        }
        manifests.collectApplied(directory);
        for (String component : OPT_IN_COMPONENTS) {
            manifests.collectApplied(directory.resolve(component));
        }
        for (Document document : manifests.files.getOrDefault(directory.resolve(SECRET_EXAMPLE), List.of())) {
            Secret secret = (Secret) document.object();
            manifests.externalSecrets.put(secret.getMetadata().getName(), secret);
        }
        return manifests;
    }

    /** YAML files under a directory, build output and sources excluded. */
    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> {
                        Path relative = directory.relativize(path);
                        return !relative.startsWith("target") && !relative.startsWith("src");
                    })
                    .filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collectApplied(Path kustomizationDirectory) {
        Kustomization kustomization = kustomizations.get(kustomizationDirectory);
        if (kustomization == null) {
            throw new IllegalStateException("no kustomization.yaml in " + kustomizationDirectory);
        }
        for (String resource : orEmpty(kustomization.getResources())) {
            Path path = kustomizationDirectory.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                collectApplied(path);
            } else {
                applied.addAll(files.getOrDefault(path, List.of()));
            }
        }
        for (String component : orEmpty(kustomization.getComponents())) {
            collectApplied(kustomizationDirectory.resolve(component).normalize());
        }
        for (ConfigMapArgs generator : orEmpty(kustomization.getConfigMapGenerator())) {
            configMaps.computeIfAbsent(generator.getName(), name -> new TreeSet<>())
                    .addAll(generatedKeys(generator).keySet());
        }
        for (Document document : applied) {
            if (document.object() instanceof ConfigMap configMap) {
                Set<String> keys = configMaps.computeIfAbsent(configMap.getMetadata().getName(), name -> new TreeSet<>());
                keys.addAll(orEmpty(configMap.getData()).keySet());
                keys.addAll(orEmpty(configMap.getBinaryData()).keySet());
            }
        }
    }

    /** The keys a configMapGenerator produces, each with the file it comes from (null for literals). */
    static Map<String, String> generatedKeys(ConfigMapArgs generator) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String file : orEmpty(generator.getFiles())) {
            int equals = file.indexOf('=');
            String path = equals < 0 ? file : file.substring(equals + 1);
            String key = equals < 0 ? Path.of(file).getFileName().toString() : file.substring(0, equals);
            keys.put(key, path);
        }
        for (String literal : orEmpty(generator.getLiterals())) {
            keys.put(literal.substring(0, literal.indexOf('=')), null);
        }
        if (generator.getEnvs() != null && !generator.getEnvs().isEmpty() || generator.getEnv() != null) {
            throw new IllegalStateException("configMapGenerator " + generator.getName()
                    + ": env files are not checked by this test; list files or literals");
        }
        return keys;
    }

    <T> List<T> applied(Class<T> type) {
        return applied.stream().map(Document::object).filter(type::isInstance).map(type::cast).toList();
    }

    Optional<Document> appliedDocument(Object object) {
        return applied.stream().filter(document -> document.object() == object).findFirst();
    }

    /** A pod template of the base and what owns it. */
    record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template, Integer replicas,
            HasMetadata owner) {

        PodSpec pod() {
            return template.getSpec();
        }

        Map<String, String> podLabels() {
            return orEmpty(template.getMetadata().getLabels());
        }

        List<Container> containers() {
            List<Container> all = new ArrayList<>(orEmpty(pod().getInitContainers()));
            all.addAll(orEmpty(pod().getContainers()));
            return all;
        }

        String describe() {
            return kind + "/" + name;
        }
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment deployment : applied(Deployment.class)) {
            workloads.add(new Workload("Deployment", deployment.getMetadata().getName(),
                    deployment.getSpec().getSelector(), deployment.getSpec().getTemplate(),
                    deployment.getSpec().getReplicas(), deployment));
        }
        for (DaemonSet daemonSet : applied(DaemonSet.class)) {
            workloads.add(new Workload("DaemonSet", daemonSet.getMetadata().getName(),
                    daemonSet.getSpec().getSelector(), daemonSet.getSpec().getTemplate(), null, daemonSet));
        }
        for (StatefulSet statefulSet : applied(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", statefulSet.getMetadata().getName(),
                    statefulSet.getSpec().getSelector(), statefulSet.getSpec().getTemplate(),
                    statefulSet.getSpec().getReplicas(), statefulSet));
        }
        return workloads;
    }

    /** Label selector semantics of the API (matchLabels AND matchExpressions); an empty selector selects all. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        for (Map.Entry<String, String> required : orEmpty(selector.getMatchLabels()).entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : orEmpty(selector.getMatchExpressions())) {
            String value = labels.get(requirement.getKey());
            List<String> values = orEmpty(requirement.getValues());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector != null && orEmpty(selector.getMatchLabels()).isEmpty()
                && orEmpty(selector.getMatchExpressions()).isEmpty();
    }

    /** The container port a probe, Service or policy port designates: by number or by name. */
    static Optional<ContainerPort> port(Container container, IntOrString port) {
        return orEmpty(container.getPorts()).stream()
                .filter(candidate -> port.getIntVal() != null
                        ? Objects.equals(candidate.getContainerPort(), port.getIntVal())
                        : Objects.equals(candidate.getName(), port.getStrVal()))
                .findFirst();
    }

    /** Environment variables with a literal value. */
    static Map<String, String> literalEnvironment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : orEmpty(container.getEnv())) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }

    static Optional<EnvVar> env(Container container, String name) {
        return orEmpty(container.getEnv()).stream().filter(variable -> variable.getName().equals(name)).findFirst();
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
