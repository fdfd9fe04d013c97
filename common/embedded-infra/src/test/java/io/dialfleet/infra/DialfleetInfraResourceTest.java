package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The resource as the services use it, under Quarkus' test class loading: the configuration it hands
 * Quarkus, the field it fills and the static accessor all lead to the one running infrastructure.
 */
@QuarkusTest
@WithTestResource(DialfleetInfraResource.class)
class DialfleetInfraResourceTest {

    Infrastructure infrastructure;

    @Test
    void quarkusIsPointedAtTheSharedInfrastructure() throws Exception {
        assertThat(infrastructure).isNotNull().isSameAs(DialfleetInfraResource.infrastructure());
        InfraAddresses addresses = infrastructure.addresses();
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo(addresses.jdbcUrl());
        assertThat(config.getValue("quarkus.datasource.reactive.url", String.class)).isEqualTo(addresses.reactiveUrl());
        assertThat(config.getValue("quarkus.datasource.username", String.class)).isEqualTo("dialfleet");
        assertThat(config.getValue("quarkus.datasource.password", String.class)).isEqualTo("dialfleet");
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo(addresses.kafkaBootstrap());
        assertThat(config.getValue("quarkus.devservices.enabled", Boolean.class)).isFalse();
        try (Connection connection = DriverManager.getConnection(addresses.jdbcUrl(), addresses.dbUser(),
                addresses.dbPassword())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }
}
