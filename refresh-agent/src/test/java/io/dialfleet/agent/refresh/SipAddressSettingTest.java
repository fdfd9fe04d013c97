package io.dialfleet.agent.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code dialfleet.agent.reload.sip-address}: where the SIP probe goes after a chan_sip reload. */
class SipAddressSettingTest {

    @Test
    void hostAndPortOrNone() {
        assertThat(AgentWiring.sipProbe("127.0.0.1:5060").orElseThrow().address()).isEqualTo("127.0.0.1:5060");
        assertThat(AgentWiring.sipProbe("[::1]:5070").orElseThrow().address()).isEqualTo("[0:0:0:0:0:0:0:1]:5070");
        assertThat(AgentWiring.sipProbe("none")).isEmpty();
        assertThat(AgentWiring.sipProbe(" NONE ")).isEmpty();
    }

    @Test
    void anAddressWithoutPortIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> AgentWiring.sipProbe("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dialfleet.agent.reload.sip-address must be host:port or none");
    }
}
