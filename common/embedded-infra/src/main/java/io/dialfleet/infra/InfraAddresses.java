package io.dialfleet.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the started infrastructure answers: everything a service needs in its configuration. */
public record InfraAddresses(
        String jdbcUrl,
        String reactiveUrl,
        String libpqUrl,
        String dbUser,
        String dbPassword,
        String kafkaBootstrap) {

    static InfraAddresses of(PostgresAddress postgres, String kafkaBootstrap) {
        return new InfraAddresses(postgres.jdbcUrl(), postgres.reactiveUrl(), postgres.libpqUrl(), postgres.user(),
                postgres.password(), kafkaBootstrap);
    }

    /** The Quarkus configuration that points a dialfleet service at this infrastructure. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.reactive.url", reactiveUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", dbPassword);
        config.put("kafka.bootstrap.servers", kafkaBootstrap);
        // The infrastructure is here already: Dev Services must not start containers (or probe for Docker).
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    /** {@code NAME=value} lines, for a shell ({@code eval}) or a person. */
    public String asEnvironmentLines() {
        return "DIALFLEET_JDBC_URL=" + jdbcUrl + "\n"
                + "DIALFLEET_REACTIVE_URL=" + reactiveUrl + "\n"
                + "DIALFLEET_DATABASE_URL=" + libpqUrl + "\n"
                + "DIALFLEET_DB_USER=" + dbUser + "\n"
                + "DIALFLEET_DB_PASSWORD=" + dbPassword + "\n"
                + "DIALFLEET_KAFKA_BOOTSTRAP=" + kafkaBootstrap + "\n";
    }
}
