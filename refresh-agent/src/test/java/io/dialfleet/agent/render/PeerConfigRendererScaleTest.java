package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.TestPhones.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 10,000-phone server renders completely; timing belongs to the benchmarks, not here. */
class PeerConfigRendererScaleTest {

    private static final int PHONES = 10_000;

    /** 70% SIP (every tenth with a template), 20% IAX2, 10% PJSIP, one mailbox and dialplan number each. */
    static PeerConfigSnapshot server(int count) {
        List<Phone> phones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int number = 100_000 + i;
            TestPhones phone = phone(number);
            phone.codecsList = i % 3 == 0 ? "" : "ulaw,gsm,g729";
            switch (i % 10) {
                case 7, 8 -> phone.protocol("IAX2");
                case 9 -> phone.protocol("PJSIP");
                case 0 -> phone.templateId = "WIZ";
                default -> {
                }
            }
            phones.add(phone.build());
        }
        return new PeerConfigSnapshot(1, 1, TestPhones.SERVER, "ulaw", List.of(new Template("WIZ",
                "endpoint/context=default\naor/max_contacts=2\n")), phones);
    }

    @Test
    void rendersTenThousandPhones() {
        RenderedConfig config = new PeerConfigRenderer().render(server(PHONES), SipStack.PJSIP);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.peers().sip()).isZero();
        assertThat(config.peers().iax2()).isEqualTo(2_000);
        assertThat(config.peers().pjsip()).isEqualTo(8_000);
        assertThat(config.names().dialplanExtensions()).hasSize(PHONES).doesNotHaveDuplicates();
        assertThat(config.names().voicemailBoxes()).hasSize(PHONES);
        assertThat(config.file(ConfFile.PJSIP).text().lines().filter(l -> l.equals("type=wizard")).count())
                .isEqualTo(8_000);
        assertThat(config.file(ConfFile.EXTENSIONS).text().lines().filter(l -> l.endsWith(",3,Hangup()")).count())
                .isEqualTo(PHONES);
        ConfValidator validator = new ConfValidator();
        for (ConfFile file : ConfFile.values()) {
            assertThat(validator.validate(config.file(file).content())).as(file.defaultName()).isEmpty();
        }
    }
}
