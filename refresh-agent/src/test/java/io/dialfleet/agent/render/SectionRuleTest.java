package io.dialfleet.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of what Asterisk would mangle, on sections as Asterisk reads them (sources cited in each rule). */
class SectionRuleTest {

    private static PeerSection section(ConfFile file, String... lines) {
        return section("cc101", file, false, lines);
    }

    private static PeerSection section(String name, ConfFile file, boolean overrideOnly, String... lines) {
        return PeerSection.parse(name, file, "[" + name + "]\n" + String.join("\n", lines) + "\n", overrideOnly);
    }

    private static final String[] SIP_PEER = {"username=cc101", "secret=Pw101", "type=friend", "host=dynamic"};
    private static final String[] WIZARD = {"type=wizard", "accepts_auth=yes", "accepts_registrations=yes",
        "inbound_auth/username=cc101", "inbound_auth/password=Pw101", "aor/max_contacts=1"};

    @Test
    void aSectionIsReadAsAsteriskReadsIt() {
        PeerSection section = section(ConfFile.SIP, " Secret = a ", "secret => b", "host=");

        assertThat(section.values("SECRET")).containsExactly("a", "b");
        assertThat(section.last("secret")).isEqualTo("b");
        assertThat(section.last("host")).isEmpty();
        assertThat(section.last("context")).isNull();
    }

    @Test
    void theRenderersOwnSectionsPassEveryRule() {
        assertThat(SectionRules.problems(section(ConfFile.SIP, SIP_PEER))).isEmpty();
        assertThat(SectionRules.problems(section(ConfFile.IAX, SIP_PEER))).isEmpty();
        assertThat(SectionRules.problems(section(ConfFile.PJSIP, WIZARD))).isEmpty();
    }

    @Nested
    class NameLength {
        private final SectionRule rule = new SectionNameLengthRule();

        @Test
        void seventyNineCharactersAreTheLimit() {
            assertThat(rule.problem(section("a".repeat(79), ConfFile.PJSIP, false, WIZARD))).isNull();
            assertThat(rule.problem(section("a".repeat(80), ConfFile.PJSIP, false, WIZARD)))
                    .contains("longer than 79");
            assertThat(rule.problem(section("a".repeat(100), ConfFile.SIP, false, SIP_PEER))).isNotNull();
        }
    }

    @Nested
    class ReservedNames {
        private final SectionRule rule = new ReservedNameRule();

        @ParameterizedTest
        @ValueSource(strings = {"general", "GENERAL", "authentication", "Authentication"})
        void chanSipSkipsGeneralAndAuthenticationIgnoringCase(String name) {
            assertThat(rule.problem(section(name, ConfFile.SIP, false, SIP_PEER))).contains("chan_sip");
        }

        @ParameterizedTest
        @ValueSource(strings = {"general", "General", "callnumberlimits", "CallNumberLimits"})
        void chanIax2SkipsGeneralAndReadsCallNumberLimits(String name) {
            assertThat(rule.problem(section(name, ConfFile.IAX, false, SIP_PEER))).contains("chan_iax2");
        }

        @Test
        void otherNamesAndTheWizardAreFree() {
            assertThat(rule.problem(section("authentication", ConfFile.IAX, false, SIP_PEER))).isNull();
            assertThat(rule.problem(section("general", ConfFile.PJSIP, false, WIZARD))).isNull();
            assertThat(rule.problem(section("general1", ConfFile.SIP, false, SIP_PEER))).isNull();
        }
    }

    @Nested
    class SectionType {
        private final SectionRule rule = new SectionTypeRule();

        @Test
        void aChanSipOverrideOnAPjsipServerIsNotAWizard() {
            PeerSection vicidialOverride = section("cc101", ConfFile.PJSIP, true, "type=friend", "host=dynamic",
                    "secret=Pw101", "context=default");

            assertThat(rule.problem(vicidialOverride)).contains("conf_override").contains("type=wizard");
        }

        @Test
        void theWizardMatchesTypeWizardCaseSensitively() {
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=Wizard", "accepts_auth=yes"))).isNotNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, "type = wizard"))).isNull();
        }

        @Test
        void chanSipAndIax2NeedAReachableType() {
            for (ConfFile file : new ConfFile[] {ConfFile.SIP, ConfFile.IAX}) {
                assertThat(rule.problem(section(file, "host=dynamic", "secret=x"))).contains("lacks type");
                assertThat(rule.problem(section(file, "type=wizard", "host=dynamic"))).contains("other than");
                assertThat(rule.problem(section(file, "type=user"))).contains("only type=user");
                assertThat(rule.problem(section(file, "type=FRIEND"))).isNull();
                assertThat(rule.problem(section(file, "type=user", "type=peer"))).isNull();
            }
        }
    }

    @Nested
    class Host {
        private final SectionRule rule = new PeerHostRule();

        @Test
        void anEmptyOrMissingHostIsRefusedTheLastLineWins() {
            assertThat(rule.problem(section(ConfFile.SIP, "type=friend", "host="))).contains("empty");
            assertThat(rule.problem(section(ConfFile.IAX, "type=friend"))).contains("no host=");
            assertThat(rule.problem(section(ConfFile.SIP, "host=", "host=dynamic"))).isNull();
            assertThat(rule.problem(section(ConfFile.SIP, "host=dynamic", "host="))).isNotNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, WIZARD))).isNull();
        }
    }

    @Nested
    class Secret {
        private final SectionRule rule = new SecretRule();

        @Test
        void chanSipNeedsASecretOrMd5Secret() {
            assertThat(rule.problem(section(ConfFile.SIP, "secret="))).contains("without a password");
            assertThat(rule.problem(section(ConfFile.SIP, "type=friend"))).isNotNull();
            assertThat(rule.problem(section(ConfFile.SIP, "secret=a", "secret="))).isNotNull();
            assertThat(rule.problem(section(ConfFile.SIP, "secret=", "secret=fromTemplate"))).isNull();
            assertThat(rule.problem(section(ConfFile.SIP, "secret=", "md5secret=0123abcd"))).isNull();
        }

        @Test
        void iax2RefusesAnEmptySecretAfterANonEmptyOne() {
            assertThat(rule.problem(section(ConfFile.IAX, "secret="))).contains("from anyone");
            assertThat(rule.problem(section(ConfFile.IAX, "secret=a", "secret="))).contains("empty password");
            assertThat(rule.problem(section(ConfFile.IAX, "secret=", "secret=fromTemplate"))).isNull();
            assertThat(rule.problem(section(ConfFile.IAX, "secret=", "auth=rsa", "inkeys=phonekey"))).isNull();
        }

        @Test
        void pjsipNeedsAcceptsAuthAndAPassword() {
            assertThat(rule.problem(section(ConfFile.PJSIP, WIZARD))).isNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "accepts_auth=yes",
                    "inbound_auth/password="))).contains("keeps the previous password");
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "accepts_auth=no",
                    "inbound_auth/password=x"))).contains("accepts_auth");
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "accepts_auth=yes",
                    "inbound_auth/password=x", "accepts_auth=no"))).isNotNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "accepts_auth=yes",
                    "inbound_auth/password=", "inbound_auth/md5_cred=0123abcd"))).isNull();
        }
    }

    @Nested
    class WizardRegistration {
        private final SectionRule rule = new WizardRegistrationRule();

        @Test
        void aRegisteringPhoneNeedsMaxContactsOfAtLeastOne() {
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "accepts_registrations=yes")))
                    .contains("no aor/max_contacts");
            assertThat(rule.problem(section(ConfFile.PJSIP, "accepts_registrations=yes", "aor/max_contacts=0")))
                    .contains("is 0");
            assertThat(rule.problem(section(ConfFile.PJSIP, "accepts_registrations=yes", "aor/max_contacts=5")))
                    .isNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, "accepts_registrations=yes", "AOR/max_contacts=1")))
                    .as("the wizard's prefixes are case-sensitive").isNotNull();
            assertThat(rule.problem(section(ConfFile.PJSIP, "accepts_registrations=yes", "aor/MAX_CONTACTS=1")))
                    .as("option names are not").isNull();
        }

        @Test
        void aPhoneThatDoesNotRegisterNeedsRemoteHosts() {
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard"))).contains("never be reached");
            assertThat(rule.problem(section(ConfFile.PJSIP, "type=wizard", "remote_hosts=192.0.2.7"))).isNull();
        }
    }

    @Nested
    class AorValues {
        private final SectionRule rule = new AorValueRule();

        @ParameterizedTest
        @ValueSource(strings = {"aor/qualify_frequency=abc", "aor/qualify_frequency=86401", "aor/max_contacts=-1",
            "aor/max_contacts=1x", "aor/max_contacts=4294967296", "aor/qualify_timeout=soon", "aor/maxcontacts=1",
            "aor/max_contacts="})
        void aValueTheAorRefusesIsCaught(String line) {
            assertThat(rule.problem(section(ConfFile.PJSIP, "aor/max_contacts=1", line))).contains("no aor (404)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"aor/qualify_frequency=86400", "aor/max_contacts=0x10", "aor/max_contacts= 017",
            "aor/qualify_timeout=3.5", "aor/remove_existing=maybe", "aor/Contact=sip:192.0.2.7",
            "aor/mailboxes=101@default", "aor/default_expiration=+3600"})
        void whatTheAorAcceptsPasses(String line) {
            assertThat(rule.problem(section(ConfFile.PJSIP, line))).isNull();
        }
    }

    @Nested
    class CodecNames {
        private final SectionRule rule = new CodecNameRule();

        @Test
        void vicidialsG7231IsUnknownOnEveryStack() {
            assertThat(rule.problem(section(ConfFile.PJSIP, "endpoint/disallow=all", "endpoint/allow=g723.1")))
                    .contains("endpoint/allow").contains("g723");
            assertThat(rule.problem(section(ConfFile.SIP, "disallow=all", "allow=g723.1"))).isNotNull();
            assertThat(rule.problem(section(ConfFile.IAX, "allow=ulaw,g723.1"))).isNotNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"allow=ulaw", "allow=ULAW,alaw|g729", "allow=!gsm", "allow=ulaw:20", "allow=all",
            "disallow=", "disallow=all", "allow=(ulaw|alaw)", "allow=opus,g722", "allow=ulaw:"})
        void namesAsteriskKnowsPass(String line) {
            assertThat(rule.problem(section(ConfFile.SIP, line))).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"allow=", "allow=ulaw,", "allow=g729a", "allow=ulaw:-20", "allow=ulaw:x",
            "allow=! gsm", "disallow=g723.1"})
        void namesAsteriskRefusesAreCaught(String line) {
            assertThat(rule.problem(section(ConfFile.SIP, line))).isNotNull();
        }

        @Test
        void onPjsipOnlyEndpointLinesAreCodecLines() {
            assertThat(rule.problem(section(ConfFile.PJSIP, "allow=g723.1"))).isNull();
        }
    }
}
