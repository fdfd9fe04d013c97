package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void tokensPasswordsAndSecretsGoToTheEnvironmentUnderTheirMicroProfileNames() {
        assertThat(ServiceProcess.isSecret("dialfleet.admin.token")).isTrue();
        assertThat(ServiceProcess.isSecret("dialfleet.agent.api.token")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.datasource.password")).isTrue();
        assertThat(ServiceProcess.isSecret("dialfleet.agent.reload.ami.secret")).isTrue();
        assertThat(ServiceProcess.isSecret("dialfleet.agent.credential")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.datasource.username")).isFalse();
        assertThat(ServiceProcess.isSecret("kafka.bootstrap.servers")).isFalse();
        assertThat(ServiceProcess.environmentName("dialfleet.agent.api.token")).isEqualTo("DIALFLEET_AGENT_API_TOKEN");
        assertThat(ServiceProcess.environmentName("quarkus.datasource.password")).isEqualTo("QUARKUS_DATASOURCE_PASSWORD");
    }
}
