package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.TestPhones.phone;
import static io.dialfleet.agent.render.TestPhones.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-rendering a server without the phones the caller names (the agent's verification found them dead). */
class PeerConfigRendererExclusionTest {

    private static final String DEAD = "verification: the endpoint is missing after the reload";

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();

    @Test
    void aNamedPhoneIsLeftOutOfEveryFileWithTheGivenReason() {
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), phone(102).build(), phone(103).build()));

        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot, stack, Map.of("cc102", DEAD));

            assertThat(config.excluded()).containsExactly(new ExcludedPhone("cc102", "SIP", DEAD));
            assertThat(config.warnings()).isEmpty();
            assertThat(config.names().of(stack.peerFile())).containsExactly("cc101", "cc103");
            assertThat(config.names().dialplanExtensions()).containsExactly("101", "103");
            assertThat(config.names().voicemailBoxes()).containsExactly("101", "103");
            for (ConfFile file : ConfFile.values()) {
                assertThat(config.file(file).text()).doesNotContain("cc102");
            }
        }
    }

    @Test
    void withoutExclusionsTheOutputIsTheSameBytes() {
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), phone(102).build()));

        RenderedConfig plain = renderer.render(snapshot, SipStack.PJSIP);
        RenderedConfig none = renderer.render(snapshot, SipStack.PJSIP, Map.of("cc999", DEAD));

        for (ConfFile file : ConfFile.values()) {
            assertThat(none.file(file).contentEquals(plain.file(file).content())).isTrue();
        }
        assertThat(none.excluded()).isEmpty();
    }

    @Test
    void chanSipMatchesIgnoringCaseIax2AndPjsipExactly() {
        PeerConfigSnapshot snapshot = snapshot(List.of(phone("Desk7", 101).build(),
                phone("Desk8", 102).protocol("IAX2").build(), phone("Desk9", 103).protocol("PJSIP").build()));
        Map<String, String> asAsteriskLists = Map.of("desk7", DEAD, "desk8", DEAD, "desk9", DEAD);

        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP, asAsteriskLists);

        assertThat(config.excluded()).containsExactly(new ExcludedPhone("Desk7", "SIP", DEAD));
        assertThat(config.names().iax2Peers()).containsExactly("Desk8");
        assertThat(config.names().pjsipEndpoints()).containsExactly("Desk9");

        RenderedConfig onPjsip = renderer.render(snapshot, SipStack.PJSIP, asAsteriskLists);
        assertThat(onPjsip.excluded()).isEmpty();
        assertThat(onPjsip.names().pjsipEndpoints()).containsExactly("Desk7", "Desk9");
    }

    @Test
    void anExtensionOnTwoFilesIsLeftOutOfBoth() {
        PeerConfigSnapshot snapshot = snapshot(List.of(phone("cc101", 101).build(),
                phone("cc101", 201).protocol("IAX2").build(), phone(102).build()));

        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP, Map.of("cc101", DEAD));

        assertThat(config.excluded()).extracting(ExcludedPhone::protocol).containsExactlyInAnyOrder("SIP", "IAX2");
        assertThat(config.names().sipPeers()).containsExactly("cc102");
        assertThat(config.names().iax2Peers()).isEmpty();
    }

    @Test
    void exclusionsAreListedInExtensionOrderWhateverTheirCause() {
        TestPhones unsafe = phone(104);
        unsafe.fullname = "bad\nname";
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), phone(102).protocol("IAX2").build(),
                phone(103).protocol("FAX").build(), unsafe.build(), phone(105).build()));

        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP, Map.of("cc105", DEAD, "cc102", DEAD));

        assertThat(config.excluded()).extracting(ExcludedPhone::extension)
                .containsExactly("cc102", "cc103", "cc104", "cc105");
        assertThat(config.excluded().get(1).protocol()).isEqualTo("FAX");
        assertThat(config.names().sipPeers()).containsExactly("cc101");
    }

    @Test
    void aNullExtensionOrReasonIsRefused() {
        Map<String, String> nullReason = new HashMap<>();
        nullReason.put("cc101", null);
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build()));

        assertThatThrownBy(() -> renderer.render(snapshot, SipStack.PJSIP, nullReason))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
