package io.dialfleet.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: {@code @QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)}
 * or {@code @WithTestResource(DialfleetInfraResource.class)} on a test class.
 *
 * <p>One {@link Infrastructure} per JVM, shared by every test class: starting PostgreSQL and Kafka
 * takes seconds, restarting them per class would take minutes. It is closed by the JVM's shutdown
 * hooks, not by {@link #stop()}.
 *
 * <p>Tests reach the running infrastructure with {@link #infrastructure()} or by declaring a field of
 * type {@link Infrastructure}, which this resource fills in.
 */
public class DialfleetInfraResource implements QuarkusTestResourceLifecycleManager {

    private static Infrastructure shared;

    /** The infrastructure of this JVM, started on first use. */
    public static synchronized Infrastructure infrastructure() {
        if (shared == null) {
            shared = Infrastructure.start();
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = infrastructure();
        // A test class that stopped the broker and failed before restarting it must not take the next class down.
        infrastructure.kafka().start();
        return infrastructure.addresses().quarkusConfig();
    }

    @Override
    public void stop() {
        // Shared with the next test class; the shutdown hooks stop everything when the JVM exits.
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(infrastructure(), new TestInjector.MatchesType(Infrastructure.class));
    }
}
