package io.dialfleet.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource for the VICIdial bridge: a MariaDB with VICIdial's tables ({@link VicidialSchema}), and
 * the service configured to mirror into it ({@code dialfleet.vicidial.url}, {@code .username}, {@code .password}).
 * Put it on the bridge's test classes only ({@code @WithTestResource(VicidialMariaDbResource.class)}): every
 * other test runs with the bridge off, its default.
 *
 * <p>One server per JVM, its data under {@code target/}, started on first use and stopped by the JVM's shutdown
 * hooks. {@link #start()} brings it back if a previous class left it stopped. Tests reach it with
 * {@link #mariaDb()} or a field of type {@link MariaDbServer}.
 */
public class VicidialMariaDbResource implements QuarkusTestResourceLifecycleManager {

    private static MariaDbServer shared;

    /** The MariaDB of this JVM, started (with VICIdial's tables) on first use. */
    public static synchronized MariaDbServer mariaDb() {
        if (shared == null) {
            MariaDbOptions options = MariaDbOptions.fromEnvironment();
            if (options.temporary()) {
                options = options.withTemporaryParent(Path.of("target"));
            }
            shared = MariaDb.start(InfraSettings.read(InfraSettings.MODE, InfraMode::parse, InfraMode.EMBEDDED),
                    options);
            VicidialSchema.create(shared, true);
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        MariaDbServer server = mariaDb();
        server.start();
        return Map.of(
                "dialfleet.vicidial.url", server.jdbcUrl(),
                "dialfleet.vicidial.username", server.user(),
                "dialfleet.vicidial.password", server.password());
    }

    @Override
    public void stop() {
        // Shared with the next test class; the shutdown hooks stop it when the JVM exits.
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(mariaDb(), new TestInjector.MatchesType(MariaDbServer.class));
    }
}
