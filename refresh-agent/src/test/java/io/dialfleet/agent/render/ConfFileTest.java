package io.dialfleet.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfFileTest {

    @Test
    void defaultNamesAndReloadCommandsFollowTheSpecTable() {
        assertThat(ConfFile.SIP.defaultName()).isEqualTo("dialfleet-sip.conf");
        assertThat(ConfFile.PJSIP.defaultName()).isEqualTo("dialfleet-pjsip.conf");
        assertThat(ConfFile.IAX.defaultName()).isEqualTo("dialfleet-iax.conf");
        assertThat(ConfFile.EXTENSIONS.defaultName()).isEqualTo("dialfleet-extensions.conf");
        assertThat(ConfFile.VOICEMAIL.defaultName()).isEqualTo("dialfleet-voicemail.conf");

        assertThat(ConfFile.SIP.reloadCommand()).isEqualTo("module reload chan_sip.so");
        assertThat(ConfFile.PJSIP.reloadCommand()).isEqualTo("module reload res_pjsip.so");
        assertThat(ConfFile.IAX.reloadCommand()).isEqualTo("module reload chan_iax2.so");
        assertThat(ConfFile.EXTENSIONS.reloadCommand()).isEqualTo("module reload pbx_config.so");
        assertThat(ConfFile.VOICEMAIL.reloadCommand()).isEqualTo("module reload app_voicemail.so");
    }

    @Test
    void reloadOrderIsExtensionsSipPjsipIaxVoicemail() {
        assertThat(ConfFile.inReloadOrder()).containsExactly(ConfFile.EXTENSIONS, ConfFile.SIP, ConfFile.PJSIP,
                ConfFile.IAX, ConfFile.VOICEMAIL);
    }
}
