package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.TestPhones.phone;
import static io.dialfleet.agent.render.TestPhones.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The phones a real Asterisk left dead while dialfleet reported them applied (docs/spec/asterisk-behaviour.md, "Recorded in
 * December 2026") are refused before writing: left out of every file with their reason, beside good phones that
 * are still written.
 */
class PeerConfigRendererRefusalTest {

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfValidator validator = new ConfValidator();

    @Test
    void onPjsipEveryDeadPhoneOfTheRecordingIsLeftOutWithItsReason() {
        TestPhones longName = phone("lx" + "a".repeat(88), 102);
        TestPhones blankPassword = phone(103);
        blankPassword.confSecret = "";
        TestPhones badAorValue = templated(104, "BAD_AOR");
        TestPhones noMaxContacts = templated(105, "NO_MAX");
        TestPhones g7231 = templated(106, "G7231");
        TestPhones vicidialOverride = phone(107);
        vicidialOverride.confOverride = "type=friend\nhost=dynamic\nsecret=Pw107\ncontext=default\n";
        TestPhones blankIax = phone(201).protocol("IAX2");
        blankIax.confSecret = "";
        TestPhones generalIax = phone("general", 202).protocol("IAX2");
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), longName.build(), blankPassword.build(),
                badAorValue.build(), noMaxContacts.build(), g7231.build(), vicidialOverride.build(),
                blankIax.build(), generalIax.build(), phone(108).build(), templated(109, "GOOD").build()),
                List.of(new Template("BAD_AOR", "aor/max_contacts=1\naor/qualify_frequency=abc\n"),
                        new Template("NO_MAX", "endpoint/context=default\n"),
                        new Template("G7231", "aor/max_contacts=1\nendpoint/disallow=all\nendpoint/allow=g723.1\n"),
                        new Template("GOOD", "aor/max_contacts=1\nendpoint/context=default\n")));

        RenderedConfig config = renderer.render(snapshot, SipStack.PJSIP);

        assertThat(config.names().pjsipEndpoints()).containsExactly("cc101", "cc108", "cc109");
        assertThat(config.names().iax2Peers()).isEmpty();
        Map<String, String> reasons = byExtension(config);
        assertThat(reasons).containsOnlyKeys(longName.extension, "cc103", "cc104", "cc105", "cc106", "cc107",
                "cc201", "general");
        assertThat(reasons.get(longName.extension)).contains("longer than 79");
        assertThat(reasons.get("cc103")).contains("inbound_auth/password");
        assertThat(reasons.get("cc104")).contains("aor/qualify_frequency");
        assertThat(reasons.get("cc105")).contains("aor/max_contacts");
        assertThat(reasons.get("cc106")).contains("endpoint/allow");
        assertThat(reasons.get("cc107")).contains("type=wizard");
        assertThat(reasons.get("cc201")).contains("from anyone");
        assertThat(reasons.get("general")).contains("chan_iax2");
        assertWritten(config);
    }

    @Test
    void onChanSipTheSameMistakesAreLeftOutToo() {
        TestPhones blank = phone(102);
        blank.confSecret = "";
        TestPhones authentication = phone("authentication", 103);
        TestPhones noType = templated(104, "NO_TYPE");
        TestPhones g7231 = templated(105, "G7231");
        TestPhones wizardOverride = phone(106);
        wizardOverride.confOverride = "type=wizard\naccepts_auth=yes\ninbound_auth/password=Pw106\n";
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), blank.build(), authentication.build(),
                noType.build(), g7231.build(), wizardOverride.build()),
                List.of(new Template("NO_TYPE", "host=dynamic\ncontext=default\n"),
                        new Template("G7231", "type=friend\nhost=dynamic\ndisallow=all\nallow=g723.1\n")));

        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP);

        assertThat(config.names().sipPeers()).containsExactly("cc101");
        Map<String, String> reasons = byExtension(config);
        assertThat(reasons.get("cc102")).contains("without a password");
        assertThat(reasons.get("authentication")).contains("chan_sip");
        assertThat(reasons.get("cc104")).contains("no type=");
        assertThat(reasons.get("cc105")).contains("allow names a codec");
        assertThat(reasons.get("cc106")).contains("other than friend, peer or user");
        assertWritten(config);
    }

    @Test
    void aTemplateSecretMakesUpForAnEmptyConfSecret() {
        TestPhones phone = templated(101, "WITH_SECRET");
        phone.confSecret = "";
        PeerConfigSnapshot snapshot = snapshot(List.of(phone.build()),
                List.of(new Template("WITH_SECRET", "type=friend\nhost=dynamic\nsecret=FromTemplate\n")));

        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP);

        assertThat(config.excluded()).isEmpty();
        assertThat(config.names().sipPeers()).containsExactly("cc101");
    }

    @Test
    void aDialplanNumberAsteriskRunsByItselfGetsNoEntryButThePhoneIsWritten() {
        TestPhones hangup = phone(102);
        hangup.dialplanNumber = "h";
        TestPhones upperCase = phone(103);
        upperCase.dialplanNumber = "H";

        RenderedConfig config = renderer.render(snapshot(List.of(phone(101).build(), hangup.build(),
                upperCase.build())), SipStack.PJSIP);

        assertThat(config.names().pjsipEndpoints()).containsExactly("cc101", "cc102", "cc103");
        assertThat(config.names().dialplanExtensions()).containsExactly("101", "H");
        assertThat(config.file(ConfFile.EXTENSIONS).text()).doesNotContain("exten => h,");
        assertThat(config.warnings()).singleElement().asString().startsWith("phone cc102: dialplan_number is an "
                + "extension Asterisk runs by itself");
        assertThat(config.excluded()).isEmpty();
    }

    private static TestPhones templated(int number, String templateId) {
        TestPhones phone = phone(number);
        phone.templateId = templateId;
        return phone;
    }

    private static Map<String, String> byExtension(RenderedConfig config) {
        return config.excluded().stream().collect(Collectors.toMap(ExcludedPhone::extension, ExcludedPhone::reason));
    }

    private void assertWritten(RenderedConfig config) {
        for (ConfFile file : ConfFile.values()) {
            assertThat(validator.validate(config.file(file).content())).isEmpty();
        }
        List<String> excluded = config.excluded().stream().map(ExcludedPhone::extension).toList();
        String peers = config.file(config.stack().peerFile()).text() + config.file(ConfFile.IAX).text();
        for (String extension : excluded) {
            assertThat(peers).doesNotContain("[" + extension + "]");
        }
    }
}
