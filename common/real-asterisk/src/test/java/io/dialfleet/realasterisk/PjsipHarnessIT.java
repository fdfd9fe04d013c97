package io.dialfleet.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself on the PJSIP line: a hand-written phone registers over UDP, WebSocket and IAX2. */
@ExtendWith(SkipEachTestWhenNoAsterisk.class)
class PjsipHarnessIT {

    private static RealAsterisk asterisk;

    @BeforeAll
    static void start() throws Exception {
        asterisk = RealAsterisk.start(AsteriskLine.PJSIP, Path.of("target/real-asterisk"));
        Files.writeString(asterisk.confDirectory().resolve("dialfleet-pjsip.conf"), """
                [hp100]
                type=wizard
                accepts_auth=yes
                accepts_registrations=yes
                inbound_auth/username=hp100
                inbound_auth/password=Secret100
                aor/max_contacts=1
                endpoint/context=default
                endpoint/allow=ulaw

                [hp101]
                type=wizard
                accepts_auth=yes
                accepts_registrations=yes
                inbound_auth/username=hp101
                inbound_auth/password=Secret101
                aor/max_contacts=1
                endpoint/context=default
                endpoint/allow=ulaw
                endpoint/webrtc=yes
                """);
        Files.writeString(asterisk.confDirectory().resolve("dialfleet-iax.conf"), """
                [hx200]
                username=hx200
                secret=Secret200
                requirecalltoken=no
                context=default
                type=friend
                auth=md5
                host=dynamic
                """);
        assertThat(asterisk.cli("module reload res_pjsip.so")).contains("reloaded successfully");
        asterisk.cli("module reload chan_iax2.so");
    }

    @AfterAll
    static void stop() {
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    void sippRegistersWithTheRightPasswordOnly() {
        SippRegistrar sipp = new SippRegistrar(asterisk.ports().sip(), Path.of("target/real-asterisk/sipp"));

        assertThat(sipp.register("hp100", "Secret100").status()).isEqualTo(200);
        assertThat(sipp.register("hp100", "wrong").status()).isEqualTo(401);
        assertThat(sipp.register("nobody", "x").status()).isEqualTo(401);
    }

    @Test
    void aWebphoneRegistersOverTheWebSocketTransport() {
        WebSocketSipRegistrar webphone = new WebSocketSipRegistrar(asterisk.ports().http());

        assertThat(webphone.register("hp101", "Secret101").status()).isEqualTo(200);
        assertThat(webphone.register("hp101", "wrong").status()).isEqualTo(401);
    }

    @Test
    void iax2RegistersWithTheRightSecretOnly() {
        Iax2Registrar iax = new Iax2Registrar(asterisk.ports().iax2());

        Iax2Answer right = iax.register("hx200", "Secret200");
        assertThat(right.kind()).as(right.toString()).isEqualTo(Iax2Answer.Kind.REGACK);
        assertThat(right.challenged()).isTrue();
        assertThat(iax.register("hx200", "wrong").kind()).isEqualTo(Iax2Answer.Kind.REGREJ);
        assertThat(iax.register("nobody", "x").kind()).isEqualTo(Iax2Answer.Kind.REGREJ);
    }

    @Test
    void theCliReachesThisRunsAsterisk() {
        assertThat(asterisk.cli("pjsip show endpoints")).contains("hp100", "hp101");
    }
}
