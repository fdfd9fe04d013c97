package io.dialfleet.agent;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.install.IncludeFiles;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;

/**
 * The agent's entry point. {@code --init} creates the empty include files and exits, without starting the service
 * (no Kafka, no api-service, no Asterisk): the first step of a new server, before the operator adds the
 * {@code #include} lines (docs/operations.md, "Asterisk on each telco server"). Anything else starts the agent.
 */
@QuarkusMain
public final class AgentMain {

    static final String INIT = "--init";

    /** Exit status of {@code --init} when the files could not be written or the configuration is incomplete. */
    static final int INIT_FAILED = 1;

    private AgentMain() {
    }

    public static void main(String... args) {
        if (List.of(args).contains(INIT)) {
            System.exit(init());
        }
        Quarkus.run(args);
    }

    /** Creates the missing include files with the same configuration the service reads; returns the exit status. */
    static int init() {
        try {
            AgentConfig config = config();
            List<String> created = IncludeFiles.createMissing(config);
            System.out.println(created.isEmpty()
                    ? "every include file already exists in " + config.conf().directory() + "; nothing written"
                    : "created " + String.join(", ", created) + " in " + config.conf().directory());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("dialfleet refresh-agent --init failed: " + e.getMessage());
            return INIT_FAILED;
        }
    }

    /** System properties, environment and the packaged application.properties, as the service reads them. */
    private static AgentConfig config() {
        URL properties = AgentMain.class.getClassLoader().getResource("application.properties");
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withMapping(AgentConfig.class);
        if (properties != null) {
            try {
                // Ordinal 250, as Quarkus gives application.properties: below the environment and system properties.
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + properties, e);
            }
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(AgentConfig.class);
    }
}
