package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The AMI verifier reading answers recorded from real Asterisks: the post-23 PJSIP build (four wizard phones of
 * which three are dead in the ways recorded in docs/spec/asterisk-behaviour.md) and Asterisk 18's transcripts.
 */
class AmiLiveStateVerifierTests {

    private static final String LX90 = "lx" + "a".repeat(88);

    @Nested
    class Pjsip {

        private static final Map<String, Map<String, String>> FOUR =
                RenderedSections.parse(RecordedAmiServer.read("dialfleet-pjsip-four.conf"));

        @Test
        void anEndpointWithoutItsAorOrAuthOrWithMaxContactsZeroIsNamedWithWhy() throws Exception {
            try (RecordedAmiServer ami = pjsipFour(); AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.PJSIP_ENDPOINTS, expected(FOUR, List.of())));

                Map<String, String> failed = failedByName(verification);
                assertThat(failed.keySet()).containsExactlyInAnyOrder("cc102", "cc103", "cc104");
                assertThat(failed.get("cc102")).contains("max_contacts 0", "403");
                assertThat(failed.get("cc103")).contains("no aor", "404");
                assertThat(failed.get("cc104")).contains("cc104-iauth does not exist");
                assertThat(verification.onlyFailedObjects()).isTrue();
                assertThat(verification.message()).startsWith("pjsip: 3 of 4 endpoints not working: ");
                assertThat(ami.requests()).containsExactly("Action: PJSIPShowEndpoints", "Action: PJSIPShowAors",
                        "Action: PJSIPShowAuths");
            }
        }

        @Test
        void anAuthHoldingAnotherPasswordThanTheRenderedOneIsNamedWithoutEitherPassword() throws Exception {
            Map<String, Map<String, String>> sections = Map.of("cc101", Map.of("type", "wizard",
                    "accepts_auth", "yes", "accepts_registrations", "yes", "inbound_auth/username", "cc101",
                    "inbound_auth/password", "NewSecret1", "aor/max_contacts", "1"));
            try (RecordedAmiServer ami = pjsipFour(); AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.PJSIP_ENDPOINTS, expected(sections, List.of())));

                assertThat(failedByName(verification)).containsOnlyKeys("cc101");
                assertThat(verification.message()).contains("another password").doesNotContain("NewSecret1")
                        .doesNotContain("Reg101pw");
            }
        }

        @Test
        void noObjectsAtAllIsAnEmptyLiveStateNotAnError() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-PJSIPShowEndpoints-none",
                    "action-PJSIPShowAors-none", "action-PJSIPShowAuths-none");
                    AmiCommandRunner client = ami.client()) {
                LiveStateCheck verifier = new AmiLiveStateVerifier(client);

                assertThat(verifier.verify(ExpectedLiveState.none().with(LiveKind.PJSIP_ENDPOINTS, List.of(),
                        List.of("cc101"))).ok()).isTrue();
                Verification missing = verifier.verify(ExpectedLiveState.none().with(LiveKind.PJSIP_ENDPOINTS,
                        List.of("cc101")));
                assertThat(failedByName(missing)).containsOnlyKeys("cc101");
            }
        }

        @Test
        void aRemovedEndpointStillLiveIsAProblemNoPhoneCanBeLeftOutFor() throws Exception {
            try (RecordedAmiServer ami = pjsipFour(); AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.PJSIP_ENDPOINTS, List.of("cc101"), List.of("cc102")));

                assertThat(verification.message()).isEqualTo("pjsip: removed endpoints still live: cc102");
                assertThat(verification.onlyFailedObjects()).isFalse();
            }
        }

        @Test
        void anAccountWithoutSystemRightsIsToldWhichPermissionIsMissing() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-PJSIPShowEndpoints-without-system");
                    AmiCommandRunner client = ami.client()) {
                assertThatThrownBy(() -> new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.PJSIP_ENDPOINTS, List.of("cc101"))))
                        .isInstanceOf(AsteriskAccessException.class)
                        .hasMessageContaining("PJSIPShowEndpoints").hasMessageContaining("write=system");
            }
        }

        private static RecordedAmiServer pjsipFour() throws Exception {
            return new RecordedAmiServer("action-PJSIPShowEndpoints-four", "action-PJSIPShowAors-four",
                    "action-PJSIPShowAuths-four");
        }
    }

    @Nested
    class ChanSip {

        @Test
        void fullNamesAreComparedWhereTheTableCutThemAt25Characters() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-SIPpeers"); AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.SIP_PEERS, List.of("cc100", "pfx25aaaaaaaaaaaaaaaaaaaa_ok",
                                "pfx25aaaaaaaaaaaaaaaaaaaa_bad", LX90)));

                assertThat(failedByName(verification).keySet())
                        .containsExactlyInAnyOrder("pfx25aaaaaaaaaaaaaaaaaaaa_bad", LX90);
            }
        }

        @Test
        void changedPeersAreCheckedForASecretAndAKnownCodec() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-SIPpeers", "action-SIPshowpeer-cc100",
                    "action-SIPshowpeer-tm309-blank-secret", "action-SIPshowpeer-sd824-template-allow-g723.1");
                    AmiCommandRunner client = ami.client()) {
                List<String> present = List.of("cc100", "tm309", "sd824", "sd821");
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.SIP_PEERS, new ExpectedNames(present, List.of(), Map.of(),
                                Set.of("cc100", "tm309", "sd824"))));

                Map<String, String> failed = failedByName(verification);
                assertThat(failed.keySet()).containsExactlyInAnyOrder("tm309", "sd824");
                assertThat(failed.get("tm309")).contains("no secret");
                assertThat(failed.get("sd824")).contains("Codecs: (nothing)");
                // sd821 did not change in this run: no SIPshowpeer for it.
                assertThat(ami.requests()).containsExactly("Action: SIPpeers", "Action: SIPshowpeer\nPeer: cc100",
                        "Action: SIPshowpeer\nPeer: tm309", "Action: SIPshowpeer\nPeer: sd824");
            }
        }

        @Test
        void theAgentsOldCommandOnlyAccountIsToldToAddReporting() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-SIPpeers-as-dialfleet");
                    AmiCommandRunner client = ami.client()) {
                assertThatThrownBy(() -> new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.SIP_PEERS, List.of("cc100"))))
                        .isInstanceOf(AsteriskAccessException.class)
                        .hasMessageContaining("Action: SIPpeers").hasMessageContaining("write=reporting");
            }
        }
    }

    @Nested
    class Iax2 {

        @Test
        void aChangedPeerWithoutSecretIsNamed() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-IAXpeerlist-ix1-ix2",
                    "command-iax2-show-peer-ix1", "command-iax2-show-peer-ix2-blank-secret");
                    AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.IAX2_PEERS, new ExpectedNames(List.of("ix1", "ix2", "ix3"), List.of(),
                                Map.of(), Set.of("ix1", "ix2"))));

                Map<String, String> failed = failedByName(verification);
                assertThat(failed.keySet()).containsExactlyInAnyOrder("ix2", "ix3");
                assertThat(failed.get("ix2")).contains("no secret");
                assertThat(failed.get("ix3")).contains("no IAX2 peer");
            }
        }
    }

    @Nested
    class DialplanAndVoicemail {

        @Test
        void theContextMustHoldExactlyTheRenderedExtensions() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-ShowDialPlan");
                    AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.DIALPLAN_EXTENSIONS, List.of("100", "309", "310", "401", "601", "679",
                                "680", "821", "824", "831", "833", "841", "999")));

                assertThat(failedByName(verification)).containsOnlyKeys("999");
                assertThat(verification.otherwise()).singleElement().asString()
                        .startsWith("dialplan: unexpected extensions in dialfleet-phones: ").contains("842");
            }
        }

        @Test
        void aMissingContextHoldsNothing() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-ShowDialPlan-empty-context");
                    AmiCommandRunner client = ami.client()) {
                assertThat(new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.DIALPLAN_EXTENSIONS, List.of())).ok()).isTrue();
            }
        }

        @Test
        void mailboxesOfContextDefaultAreRead() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-VoicemailUsersList");
                    AmiCommandRunner client = ami.client()) {
                Verification verification = new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.VOICEMAIL_BOXES, List.of("100", "401", "777"), List.of("680")));

                assertThat(failedByName(verification)).containsOnlyKeys("777");
                assertThat(verification.otherwise()).containsExactly("voicemail: removed mailboxes still live: 680");
            }
        }

        @Test
        void noMailboxesAtAllIsAnEmptyList() throws Exception {
            try (RecordedAmiServer ami = new RecordedAmiServer("action-VoicemailUsersList-none");
                    AmiCommandRunner client = ami.client()) {
                assertThat(new AmiLiveStateVerifier(client).verify(ExpectedLiveState.none()
                        .with(LiveKind.VOICEMAIL_BOXES, List.of(), List.of("100"))).ok()).isTrue();
            }
        }
    }

    private static ExpectedNames expected(Map<String, Map<String, String>> sections, List<String> removed) {
        return new ExpectedNames(List.copyOf(sections.keySet()), removed, sections, sections.keySet());
    }

    private static Map<String, String> failedByName(Verification verification) {
        return verification.failed().stream().collect(Collectors.toMap(Verification.FailedObject::name,
                Verification.FailedObject::reason, (a, b) -> a + "; " + b));
    }
}
