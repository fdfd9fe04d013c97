package io.dialfleet.local;

import java.nio.file.Path;
import java.util.List;

/** The two dialfleet services: where their runner jar is, and the JVM options every local start gives them. */
public enum ServiceKind {

    API_SERVICE("api-service", List.of("-Xmx256m")),

    /**
     * The agent holds one server's peers at a time, and only while it renders them: a small serial-collected heap
     * that starts small, smaller thread stacks and code cache. docs/benchmarks.md measures it holding 10,000 peers;
     * what remains is the JVM's own floor (classes, CDS archive, code). The container image uses the same options.
     */
    REFRESH_AGENT("refresh-agent", List.of("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=96m"));

    private final String module;
    private final List<String> jvmOptions;

    ServiceKind(String module, List<String> jvmOptions) {
        this.module = module;
        this.jvmOptions = jvmOptions;
    }

    public Path runnerJar() {
        return LocalPaths.projectRoot().resolve(module + "/target/quarkus-app/quarkus-run.jar");
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }
}
