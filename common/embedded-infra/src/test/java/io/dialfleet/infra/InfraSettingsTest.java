package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InfraSettingsTest {

    @AfterEach
    void clearProperties() {
        for (String key : new String[] {InfraSettings.MODE, InfraSettings.POSTGRES_BINARIES, InfraSettings.POSTGRES_PORT,
            InfraSettings.KAFKA_LOG_DIR}) {
            System.clearProperty(key);
        }
    }

    @Test
    void defaultsAreEmbeddedOnFreePortsWithTemporaryData() {
        InfraSettings settings = InfraSettings.defaults();
        assertThat(settings.mode()).isEqualTo(InfraMode.EMBEDDED);
        assertThat(settings.postgres().port()).isZero();
        assertThat(settings.postgres().dataDirectory()).isNull();
        assertThat(settings.postgres().database()).isEqualTo("dialfleet");
        assertThat(settings.kafka().port()).isZero();
        assertThat(settings.kafka().logDirectory()).isNull();
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        System.setProperty(InfraSettings.MODE, "containers");
        System.setProperty(InfraSettings.POSTGRES_BINARIES, "system");
        System.setProperty(InfraSettings.POSTGRES_PORT, "25432");
        System.setProperty(InfraSettings.KAFKA_LOG_DIR, "/var/tmp/dialfleet-kafka");

        InfraSettings settings = InfraSettings.fromEnvironment();

        assertThat(settings.mode()).isEqualTo(InfraMode.CONTAINERS);
        assertThat(settings.postgres().binaries()).isEqualTo(PostgresBinaries.SYSTEM);
        assertThat(settings.postgres().port()).isEqualTo(25432);
        assertThat(settings.kafka().logDirectory()).isEqualTo(Path.of("/var/tmp/dialfleet-kafka"));
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertThat(InfraSettings.environmentName(InfraSettings.MODE)).isEqualTo("DIALFLEET_INFRA");
        assertThat(InfraSettings.environmentName(InfraSettings.KAFKA_CONTROLLER_PORT))
                .isEqualTo("DIALFLEET_INFRA_KAFKA_CONTROLLER_PORT");
    }

    @Test
    void aWrongValueNamesItsKey() {
        System.setProperty(InfraSettings.MODE, "kubernetes");
        assertThatThrownBy(InfraSettings::fromEnvironment).hasMessageContaining("dialfleet.infra")
                .hasMessageContaining("DIALFLEET_INFRA");
    }
}
