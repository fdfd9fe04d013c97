package io.dialfleet.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes YAML into typed models, strictly. fabric8 and Strimzi models keep fields they do not know in an
 * {@code additionalProperties} map instead of failing, so {@link #unknownFields} walks a parsed object and names
 * every such field; the mapper itself refuses duplicate keys and scalars of the wrong type (a number where the API
 * wants a string, as the API server would).
 */
final class TypedYaml {

    /**
     * The Strimzi API of the topics. Strimzi up to 0.51 serves v1beta2 (and v1 from 0.49); Strimzi 1.0 and later
     * serve only v1: switching is this constant and the apiVersion of deploy/k8s/kafka-topics.yaml.
     */
    static final String STRIMZI_API_VERSION = "kafka.strimzi.io/v1beta2";

    /** The kinds this repository's manifests may contain, by {@code apiVersion/kind}. Anything else is an error. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry(STRIMZI_API_VERSION + "/KafkaTopic", KafkaTopic.class),
            Map.entry("kustomize.config.k8s.io/v1beta1/Kustomization", Kustomization.class),
            Map.entry("kustomize.config.k8s.io/v1alpha1/Component", Kustomization.class));

    static final ObjectMapper MAPPER = createMapper();

    private TypedYaml() {
    }

    private static ObjectMapper createMapper() {
        YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder().build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // The API server refuses `value: 5038` for a string field; so do we.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** One YAML document of a file, typed. */
    record Document(Path file, int index, Object object) {

        String describe() {
            return file.getFileName() + "#" + index;
        }
    }

    /** Every non-empty document of a YAML stream, as trees. */
    static List<JsonNode> trees(String yaml) {
        try (MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> trees = new ArrayList<>();
            while (documents.hasNextValue()) {
                JsonNode tree = documents.nextValue();
                if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                    trees.add(tree);
                }
            }
            return trees;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every document of {@code yaml} into the class its {@code apiVersion/kind} names; unknown kinds fail. */
    static List<Document> documents(Path file, String yaml) {
        List<Document> documents = new ArrayList<>();
        List<JsonNode> trees = trees(yaml);
        for (int i = 0; i < trees.size(); i++) {
            JsonNode tree = trees.get(i);
            String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
            Class<?> model = KINDS.get(type);
            if (model == null) {
                throw new IllegalArgumentException(file + " document " + i + ": no typed model for " + type
                        + " (known: " + KINDS.keySet() + ")");
            }
            try {
                documents.add(new Document(file, i, MAPPER.treeToValue(tree, model)));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " document " + i + " (" + type + "): " + e.getMessage(), e);
            }
        }
        return documents;
    }

    /**
     * Paths of every field the typed model did not know, at any depth: the contents of every non-empty
     * {@code additionalProperties} map of a fabric8 or Strimzi object.
     */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        walk(model, model.getClass().getSimpleName(), unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || node instanceof CharSequence || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        String packageName = node.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8.") && !packageName.startsWith("io.strimzi.")) {
            return;
        }
        for (PropertyDescriptor property : properties(node.getClass())) {
            Method getter = property.getReadMethod();
            if (getter == null || getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || property.getName().equals("class")) {
                continue;
            }
            Object value = invoke(getter, node);
            if (property.getName().equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            walk(value, path + "." + property.getName(), unknown, seen);
        }
    }

    private static PropertyDescriptor[] properties(Class<?> type) {
        try {
            return Introspector.getBeanInfo(type).getPropertyDescriptors();
        } catch (IntrospectionException e) {
            throw new IllegalStateException(type.getName(), e);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }
}
