package io.dialfleet.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfFileTest {

    @Test
    void defaultNamesAndModulesFollowTheSpecTable() {
        assertThat(ConfFile.SIP.defaultName()).isEqualTo("dialfleet-sip.conf");
        assertThat(ConfFile.PJSIP.defaultName()).isEqualTo("dialfleet-pjsip.conf");
        assertThat(ConfFile.IAX.defaultName()).isEqualTo("dialfleet-iax.conf");
        assertThat(ConfFile.EXTENSIONS.defaultName()).isEqualTo("dialfleet-extensions.conf");
        assertThat(ConfFile.VOICEMAIL.defaultName()).isEqualTo("dialfleet-voicemail.conf");

        assertThat(ConfFile.SIP.module()).isEqualTo("chan_sip.so");
        assertThat(ConfFile.PJSIP.module()).isEqualTo("res_pjsip.so");
        assertThat(ConfFile.IAX.module()).isEqualTo("chan_iax2.so");
        assertThat(ConfFile.EXTENSIONS.module()).isEqualTo("pbx_config.so");
        assertThat(ConfFile.VOICEMAIL.module()).isEqualTo("app_voicemail.so");
    }

    @Test
    void reloadOrderIsExtensionsSipPjsipIaxVoicemail() {
        assertThat(ConfFile.inReloadOrder()).containsExactly(ConfFile.EXTENSIONS, ConfFile.SIP, ConfFile.PJSIP,
                ConfFile.IAX, ConfFile.VOICEMAIL);
    }
}
