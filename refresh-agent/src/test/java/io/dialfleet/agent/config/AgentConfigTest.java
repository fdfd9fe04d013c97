package io.dialfleet.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.agent.render.SipStackSetting;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The closed choices of the agent's configuration, read by its mapping as the service reads them. */
class AgentConfigTest {

    @Test
    void theSipStackSettingReadsItsThreeSpellingsInAnyCase() {
        assertThat(config(Map.of("dialfleet.agent.sip-stack", "auto")).sipStack()).isEqualTo(SipStackSetting.AUTO);
        assertThat(config(Map.of("dialfleet.agent.sip-stack", " CHAN_SIP ")).sipStack())
                .isEqualTo(SipStackSetting.CHAN_SIP);
        assertThat(config(Map.of("dialfleet.agent.sip-stack", "pjsip")).sipStack()).isEqualTo(SipStackSetting.PJSIP);
        assertThat(config(Map.of()).sipStack()).isEqualTo(SipStackSetting.AUTO);
    }

    @Test
    void anUnknownSipStackIsRefusedNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> config(Map.of("dialfleet.agent.sip-stack", "sip")))
                .hasMessageContaining("dialfleet.agent.sip-stack").hasMessageContaining("chan-sip");
    }

    @Test
    void theReloadModeIsAmiCliOrNone() {
        assertThat(config(Map.of()).reload().mode()).isEqualTo(ReloadMode.AMI);
        assertThat(config(Map.of("dialfleet.agent.reload.mode", "cli")).reload().mode()).isEqualTo(ReloadMode.CLI);
        assertThat(config(Map.of("dialfleet.agent.reload.mode", "NONE")).reload().mode()).isEqualTo(ReloadMode.NONE);
        assertThatThrownBy(() -> config(Map.of("dialfleet.agent.reload.mode", "ssh")))
                .hasMessageContaining("dialfleet.agent.reload.mode");
    }

    private static AgentConfig config(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("dialfleet.agent.server-ip", "10.10.10.15");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withMapping(AgentConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build();
        return config.getConfigMapping(AgentConfig.class);
    }
}
