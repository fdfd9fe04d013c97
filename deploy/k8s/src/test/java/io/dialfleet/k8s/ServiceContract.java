package io.dialfleet.k8s;

import io.dialfleet.events.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads, from its sources of truth rather than from this module: the environment variables named in
 * its {@code application.properties} ({@code ${VAR}} / {@code ${VAR:default}}), those its README documents, those its
 * Dockerfile's entry point expands; its HTTP port and its channels' topics, with the properties' defaults.
 */
record ServiceContract(String module, Properties properties, Set<String> environmentVariables,
        Set<String> requiredEnvironmentVariables, Set<String> dockerfile) {

    private static final Pattern PROPERTY_ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:}])");
    private static final Pattern README_ENV = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`");
    private static final Pattern SHELL_ENV = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)");

    // After the patterns: static initialisers run in order.
    static final ServiceContract API_SERVICE = load("api-service");
    static final ServiceContract REFRESH_AGENT = load("refresh-agent");

    /** The contract of the service whose image is {@code image} ({@code registry/dialfleet/api-service:tag}). */
    static Optional<ServiceContract> forImage(String image) {
        String repository = image.replaceFirst("@.*$", "").replaceFirst(":[^/:]+$", "");
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        return switch (name) {
            case "api-service" -> Optional.of(API_SERVICE);
            case "refresh-agent" -> Optional.of(REFRESH_AGENT);
            default -> Optional.empty();
        };
    }

    /** The contract of the module a build context (compose) points at. */
    static Optional<ServiceContract> forModuleDirectory(Path directory) {
        Path normalized = directory.toAbsolutePath().normalize();
        if (normalized.equals(Repository.ROOT.resolve(API_SERVICE.module))) {
            return Optional.of(API_SERVICE);
        }
        if (normalized.equals(Repository.ROOT.resolve(REFRESH_AGENT.module))) {
            return Optional.of(REFRESH_AGENT);
        }
        return Optional.empty();
    }

    private static ServiceContract load(String module) {
        Path moduleDir = Repository.ROOT.resolve(module);
        String propertiesText = Repository.read(moduleDir.resolve("src/main/resources/application.properties"));
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> variables = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        Matcher property = PROPERTY_ENV.matcher(propertiesText);
        while (property.find()) {
            variables.add(property.group(1));
            if (property.group(2).equals("}")) {
                required.add(property.group(1));
            }
        }
        // The configuration table: `key` (`ENV_VAR`) | default | meaning.
        for (String line : Repository.read(moduleDir.resolve("README.md")).split("\n")) {
            if (line.startsWith("|")) {
                Matcher documented = README_ENV.matcher(line);
                while (documented.find()) {
                    variables.add(documented.group(1));
                }
            }
        }
        Set<String> dockerfile = new TreeSet<>();
        for (String line : Repository.read(moduleDir.resolve("src/main/docker/Dockerfile.jvm")).split("\n")) {
            if (line.startsWith("ENTRYPOINT") || line.startsWith("CMD")) {
                Matcher expanded = SHELL_ENV.matcher(line);
                while (expanded.find()) {
                    dockerfile.add(expanded.group(1));
                }
            }
        }
        variables.addAll(dockerfile);
        return new ServiceContract(module, properties, Set.copyOf(variables), Set.copyOf(required),
                Set.copyOf(dockerfile));
    }

    Path dockerfilePath() {
        return Repository.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
    }

    /** {@code quarkus.http.port} as the service resolves it with the given environment. */
    int httpPort(Map<String, String> environment) {
        return Integer.parseInt(resolve("quarkus.http.port", environment));
    }

    /** Every topic the service's channels name (topics and dead-letter topics), with their defaults. */
    Set<String> channelTopics() {
        Set<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (CHANNEL_TOPIC.matcher(key).matches()) {
                topics.add(resolve(key, Map.of()));
            }
        }
        return topics;
    }

    /** The value of {@code key} with its expressions expanded: environment first, then properties, then defaults. */
    String resolve(String key, Map<String, String> environment) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(module + ": no property " + key);
        }
        return expand(value, environment, new LinkedHashSet<>());
    }

    private String expand(String value, Map<String, String> environment, Set<String> resolving) {
        int start = value.indexOf("${");
        if (start < 0) {
            return value;
        }
        int depth = 0;
        int end = -1;
        int colon = -1;
        for (int i = start + 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{' && value.charAt(i - 1) == '$') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    end = i;
                    break;
                }
                depth--;
            } else if (c == ':' && depth == 0 && colon < 0) {
                colon = i;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(module + ": unbalanced expression " + value);
        }
        String name = value.substring(start + 2, colon < 0 ? end : colon);
        String fallback = colon < 0 ? null : value.substring(colon + 1, end);
        String replacement;
        if (environment.containsKey(name)) {
            replacement = environment.get(name);
        } else if (properties.containsKey(name) && resolving.add(name)) {
            replacement = expand(properties.getProperty(name), environment, resolving);
            resolving.remove(name);
        } else if (fallback != null) {
            replacement = expand(fallback, environment, resolving);
        } else {
            throw new IllegalArgumentException(module + ": " + name + " has no value and no default");
        }
        return value.substring(0, start) + replacement + expand(value.substring(end + 1), environment, resolving);
    }

    /**
     * The topics a deployment must provide: the defaults of {@link Topics}, a dead-letter topic per consumed topic,
     * and every topic the two services' channels name.
     */
    static Set<String> expectedTopics() {
        Set<String> topics = new TreeSet<>(Set.of(Topics.PHONE_CHANGES, Topics.REFRESH_REQUESTS, Topics.REFRESH_STATUS,
                Topics.REFRESH_REQUESTS + Topics.DEAD_LETTER_SUFFIX, Topics.REFRESH_STATUS + Topics.DEAD_LETTER_SUFFIX));
        topics.addAll(API_SERVICE.channelTopics());
        topics.addAll(REFRESH_AGENT.channelTopics());
        return topics;
    }
}
