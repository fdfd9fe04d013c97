package io.dialfleet.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself on the chan_sip line (Asterisk 18): hand-written peers register over UDP and IAX2. */
@ExtendWith(SkipEachTestWhenNoAsterisk.class)
class ChanSipHarnessIT {

    private static RealAsterisk asterisk;

    @BeforeAll
    static void start() throws Exception {
        asterisk = RealAsterisk.start(AsteriskLine.CHAN_SIP, Path.of("target/real-asterisk"));
        Files.writeString(asterisk.confDirectory().resolve("dialfleet-sip.conf"), """
                [hs100]
                username=hs100
                secret=Secret100
                context=default
                type=friend
                host=dynamic

                [hs101]
                username=hs101
                secret=Secret101
                context=default
                type=friend
                host=dynamic
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
        assertThat(asterisk.cli("module reload chan_sip.so")).contains("reloaded successfully");
        asterisk.cli("module reload chan_iax2.so");
        // chan_sip rebuilds its peers after answering the reload.
        Awaitility.await().until(() -> asterisk.cli("sip show peers").contains("hs101"));
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

        Map<String, SipAnswer> answers = sipp.registerAll(List.of(new SipCredentials("hs100", "Secret100"),
                new SipCredentials("hs101", "wrong")));

        assertThat(answers.get("hs100").status()).isEqualTo(200);
        assertThat(answers.get("hs101").status()).isEqualTo(403);
        assertThat(sipp.register("nobody", "x").status()).isEqualTo(403);
    }

    @Test
    void iax2RegistersWithTheRightSecretOnly() {
        Iax2Registrar iax = new Iax2Registrar(asterisk.ports().iax2());

        assertThat(iax.register("hx200", "Secret200").kind()).isEqualTo(Iax2Answer.Kind.REGACK);
        assertThat(iax.register("hx200", "wrong").kind()).isEqualTo(Iax2Answer.Kind.REGREJ);
    }
}
