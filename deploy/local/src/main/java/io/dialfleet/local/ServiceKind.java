package io.dialfleet.local;

import java.nio.file.Path;
import java.util.List;

/** The two dialfleet services: where their runner jar is, and the JVM options every local start gives them. */
public enum ServiceKind {

    API_SERVICE("api-service", List.of("-Xmx256m")),

    /**
     * The agent holds one server's peers at a time, and only while it renders them: a serial-collected heap that
     * starts small, smaller thread stacks and code cache. The heap is sized from docs/benchmarks.md ("Agent heap per
     * server size": 128 MiB is the least that held 20,000 phones, 64 MiB failed at 15,000); an out-of-memory ends the
     * process for its supervisor to restart. The container image uses the same options (ServiceKindTest).
     */
    REFRESH_AGENT("refresh-agent", List.of("-Xms8m", "-Xmx160m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=96m", "-XX:+ExitOnOutOfMemoryError"));

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
