package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.agent.render.ConfFile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsteriskCommandTests {

    @Test
    void theReloadsAreTheFiveModuleReloads() {
        assertThat(Arrays.stream(ConfFile.values()).map(file -> AsteriskCommand.reload(file).text()))
                .containsExactly(
                        "module reload chan_sip.so",
                        "module reload res_pjsip.so",
                        "module reload chan_iax2.so",
                        "module reload pbx_config.so",
                        "module reload app_voicemail.so");
    }

    @Test
    void theShowCommandsAreFixed() {
        assertThat(Arrays.stream(AsteriskCommand.Show.values()).map(AsteriskCommand::text))
                .containsExactly("sip show peers", "pjsip show endpoints", "iax2 show peers", "voicemail show users",
                        "database show registrar/contact");
        assertThat(AsteriskCommand.dialplanShow("dialfleet-phones").text()).isEqualTo("dialplan show dialfleet-phones");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dialfleet phones", "x;core stop now", "ctx\r\nAction: Logoff", "a@b", "ünicode"})
    void aDialplanContextMustBeASectionName(String context) {
        assertThatThrownBy(() -> AsteriskCommand.dialplanShow(context)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFilesModuleReloadChangesItsKindOfLiveObjects() {
        assertThat(LiveKind.of(ConfFile.IAX)).isEqualTo(LiveKind.IAX2_PEERS);
    }
}
