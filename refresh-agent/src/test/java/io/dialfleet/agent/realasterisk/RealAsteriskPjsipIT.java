package io.dialfleet.agent.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.realasterisk.AsteriskLine;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The happy path on the post-23 Asterisk with PJSIP (wizard sections), and a WebSocket webphone. */
class RealAsteriskPjsipIT extends RealAsteriskSuite {

    @Override
    protected AsteriskLine line() {
        return AsteriskLine.PJSIP;
    }

    @Test
    @Order(8)
    void aWebphoneRegistersOverWebSocketWithItsSecretOnly() {
        TestPhone phone = server.add(TestPhone.sip("wp", 501).webphone());

        applied(agent.change());

        assertThat(asterisk.cli("pjsip show endpoint " + phone.extension)).contains("webrtc", "yes");
        assertThat(registrations.webphone(phone.extension, phone.secret).status()).isEqualTo(200);
        assertRefused(registrations.webphone(phone.extension, "NotTheSecret1"));
    }
}
