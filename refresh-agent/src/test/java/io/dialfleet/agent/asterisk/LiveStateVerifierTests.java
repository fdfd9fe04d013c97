package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.render.ConfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveStateVerifierTests {

    /** The show outputs exactly as recorded in docs/spec/asterisk-behaviour.md, "Show-command output". */
    @Nested
    class RecordedFormats {

        static final String PJSIP = """
                 Endpoint:  cc101/3125550101                                     Unavailable   0 of inf
                     InAuth:  cc101-iauth/cc101
                        Aor:  cc101                                              1
                 Endpoint:  cc102/3125550102                                     Unavailable   0 of inf
                     InAuth:  cc102-iauth/cc102
                        Aor:  cc102                                              1
                Objects found: 2
                """;
        static final String IAX2 = """
                cc203/cc203      (null)  (D)  (null)  (null)  Unmonitored
                cc202/cc202      (null)  (D)  (null)  (null)  UNKNOWN
                cc201/cc201      (null)  (D)  (null)  (null)  UNKNOWN
                3 iax2 peers [0 online, 2 offline, 1 unmonitored]
                """;
        static final String DIALPLAN = """
                [ Context 'dialfleet-phones' created by 'pbx_config' ]
                  '101' =>          1. Dial(PJSIP/cc101,30,)                      [dialfleet-extensions.conf:9]
                                    2. Goto(agent-fwd,5551234,1)                  [dialfleet-extensions.conf:10]
                                    3. Hangup()                                   [dialfleet-extensions.conf:11]
                  '201' =>          1. Dial(IAX2/cc201,30,)                       [dialfleet-extensions.conf:3]
                                    2. Goto(default,85026666666667201,1)          [dialfleet-extensions.conf:4]
                                    3. Hangup()                                   [dialfleet-extensions.conf:5]
                -= 2 extensions (6 priorities) in 1 context. =-
                """;
        static final String VOICEMAIL = """
                Context    Mbox  User                      Zone       NewMsg
                default    101   cc101 Mailbox             eastern         0
                default    201   cc201 Mailbox             eastern         0
                2 voicemail users configured.
                """;

        private final Map<AsteriskCommand, String> answers = new HashMap<>(Map.of(
                AsteriskCommand.Show.PJSIP_ENDPOINTS, PJSIP,
                AsteriskCommand.Show.IAX2_PEERS, IAX2,
                AsteriskCommand.dialplanShow("dialfleet-phones"), DIALPLAN,
                AsteriskCommand.Show.VOICEMAIL_USERS, VOICEMAIL));
        private final LiveStateVerifier verifier = new LiveStateVerifier(command -> new CommandOutput(answers.get(command)));

        @Test
        void theRecordedOutputsMatchWhatWasRendered() {
            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, List.of("cc101", "cc102"), List.of("cc103"))
                    .with(LiveKind.IAX2_PEERS, List.of("cc201", "cc202", "cc203"))
                    .with(LiveKind.DIALPLAN_EXTENSIONS, List.of("201", "101"))
                    .with(LiveKind.VOICEMAIL_BOXES, List.of("101", "201")));

            assertThat(verification.problems()).isEmpty();
            assertThat(verification.ok()).isTrue();
        }

        @Test
        void namesAreComparedCaseSensitively() {
            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, List.of("CC101", "cc102")));

            assertThat(verification.message()).isEqualTo("pjsip: 1 of 2 endpoints missing: CC101");
        }

        @Test
        void theDialplanContextMustHoldExactlyTheRenderedExtensions() {
            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.DIALPLAN_EXTENSIONS, List.of("101", "102")));

            assertThat(verification.problems()).containsExactly(
                    "dialplan: 1 of 2 extensions missing: 102",
                    "dialplan: unexpected extensions in dialfleet-phones: 201");
        }

        @Test
        void emptyAnswersAreRead() {
            answers.put(AsteriskCommand.Show.PJSIP_ENDPOINTS, "No objects found.\n\n");
            answers.put(AsteriskCommand.dialplanShow("dialfleet-phones"),
                    "There is no existence of 'dialfleet-phones' context\n");
            answers.put(AsteriskCommand.Show.VOICEMAIL_USERS, "There are no voicemail users currently defined\n");
            answers.put(AsteriskCommand.Show.IAX2_PEERS, "0 iax2 peers [0 online, 0 offline, 0 unmonitored]\n");

            ExpectedLiveState nothing = ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, List.of(), List.of("cc101"))
                    .with(LiveKind.IAX2_PEERS, List.of())
                    .with(LiveKind.DIALPLAN_EXTENSIONS, List.of())
                    .with(LiveKind.VOICEMAIL_BOXES, List.of());
            assertThat(verifier.verify(nothing).ok()).isTrue();

            Verification something = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.DIALPLAN_EXTENSIONS, List.of("101")));
            assertThat(something.message()).isEqualTo("dialplan: 1 of 1 extensions missing: 101");
        }

        @Test
        void anErrorTextIsNeverReadAsAnEmptyList() {
            answers.put(AsteriskCommand.Show.PJSIP_ENDPOINTS,
                    "No such command 'pjsip show endpoints' (type 'core show help pjsip show endpoints' for other possible commands)\n");

            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, List.of(), List.of("cc105")));

            assertThat(verification.message()).isEqualTo("pjsip: unexpected answer to 'pjsip show endpoints': "
                    + "No such command 'pjsip show endpoints' (type 'core show help pjsip show endpoints' for other "
                    + "possible commands)");
        }

        @Test
        void rowsMustAddUpToTheStatedCount() {
            answers.put(AsteriskCommand.Show.IAX2_PEERS, IAX2.replace("3 iax2 peers", "4 iax2 peers"));

            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.IAX2_PEERS, List.of("cc201")));

            assertThat(verification.message()).isEqualTo("iax2: read 3 peers but Asterisk counted 4");
        }

        @Test
        void mailboxesOfOtherContextsDoNotCount() {
            answers.put(AsteriskCommand.Show.VOICEMAIL_USERS, """
                    Context    Mbox  User                      Zone       NewMsg
                    default    101   cc101 Mailbox             eastern         0
                    other      201   Someone Else              eastern         0
                    2 voicemail users configured.
                    """);

            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.VOICEMAIL_BOXES, List.of("101", "201")));

            assertThat(verification.message()).isEqualTo("voicemail: 1 of 2 mailboxes missing: 201");
        }

        @Test
        void peerNamesCutAtTheColumnWidthStillMatch() {
            answers.put(AsteriskCommand.Show.IAX2_PEERS, """
                    Name/Username    Host                                         Mask                                      Port          Status      Description
                    agent-0000001/a  (null)                                   (D)  (null)                                    0             UNKNOWN
                    verylongphone00  (null)                                   (D)  (null)                                    0             UNKNOWN
                    2 iax2 peers [0 online, 2 offline, 0 unmonitored]
                    """);

            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.IAX2_PEERS, List.of("agent-0000001", "verylongphone0001"), List.of("verylongphone0002")));

            assertThat(verification.ok()).isTrue();
        }

        @Test
        void aShowCommandThatCannotRunIsAProblem() {
            LiveStateVerifier unreachable = new LiveStateVerifier(command -> {
                throw new AsteriskConnectionException("AMI at 127.0.0.1:5038 failed while connecting: Connection refused");
            });

            Verification verification = unreachable.verify(ExpectedLiveState.none()
                    .with(LiveKind.VOICEMAIL_BOXES, List.of("101")));

            assertThat(verification.message()).isEqualTo("voicemail: could not run 'voicemail show users': "
                    + "AMI at 127.0.0.1:5038 failed while connecting: Connection refused");
        }

        @Test
        void longListsAreCut() {
            List<String> many = IntStream.rangeClosed(1, 25).mapToObj(i -> "p" + i).toList();

            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, many));

            assertThat(verification.message()).startsWith("pjsip: 25 of 25 endpoints missing: p1, p2,")
                    .endsWith("p20 and 5 more");
        }
    }

    /** Over AMI, against the stand-in Asterisk reading the real files. */
    @Nested
    class AgainstFakeAsterisk {

        @TempDir
        Path confDir;

        private FakeAsterisk asterisk;
        private FakeAmiServer server;
        private AmiCommandRunner runner;
        private AsteriskReloader reloader;
        private LiveStateVerifier verifier;

        @BeforeEach
        void start() throws IOException {
            asterisk = new FakeAsterisk(ConfFixtures.fivePhones(confDir)).withoutModule("chan_sip.so").boot();
            server = new FakeAmiServer(asterisk);
            runner = new AmiCommandRunner(server.settings());
            FakeTime time = new FakeTime();
            reloader = new AsteriskReloader(runner, ReloadPolicy.defaults(), time, time);
            verifier = new LiveStateVerifier(runner);
        }

        @AfterEach
        void stop() throws IOException {
            runner.close();
            server.close();
        }

        @Test
        void whatWasRenderedIsLive() {
            asterisk.addOperatorEndpoint("operator-trunk");

            Verification verification = verifier.verify(ConfFixtures.expectedFivePhones());

            assertThat(verification.problems()).isEmpty();
            assertThat(asterisk.commands()).containsExactly("pjsip show endpoints", "iax2 show peers",
                    "dialplan show dialfleet-phones", "voicemail show users");
        }

        @Test
        void onlyTheKindsAskedForAreRead() {
            verifier.verify(ExpectedLiveState.none().with(LiveKind.IAX2_PEERS, ConfFixtures.IAX_PEERS));

            assertThat(asterisk.commands()).containsExactly("iax2 show peers");
        }

        @Test
        void aBrokenFileReloadsSuccessfullyButTheMissingPhonesAreNamed() throws Exception {
            ConfFixtures.edit(confDir.resolve(FakeAsterisk.PJSIP_FILE), "[cc103]", "[cc103");

            ReloadOutcome outcome = reloader.reload(List.of(AsteriskCommand.reload(ConfFile.PJSIP)));
            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.PJSIP_ENDPOINTS, ConfFixtures.ENDPOINTS));

            assertThat(outcome.ok()).isTrue();
            assertThat(verification.ok()).isFalse();
            assertThat(verification.message()).isEqualTo("pjsip: 3 of 5 endpoints missing: cc103, cc104, cc105");
        }

        @Test
        void aBrokenDialplanOrVoicemailFileIsCaughtToo() throws Exception {
            ConfFixtures.edit(confDir.resolve(FakeAsterisk.EXTENSIONS_FILE), "exten => 102,1", "[oops\nexten => 102,1");
            ConfFixtures.edit(confDir.resolve(FakeAsterisk.VOICEMAIL_FILE), "104 =>", "[104\n104 =>");

            reloader.reload(List.of(AsteriskCommand.reload(ConfFile.EXTENSIONS),
                    AsteriskCommand.reload(ConfFile.VOICEMAIL)));
            Verification verification = verifier.verify(ConfFixtures.expectedFivePhones());

            assertThat(verification.problems()).containsExactly(
                    "dialplan: 4 of 8 extensions missing: 102, 103, 104, 105",
                    "voicemail: 2 of 8 mailboxes missing: 104, 105");
        }

        @Test
        void aLineWithoutEqualsIsSkippedAndTheRestApplies() throws Exception {
            ConfFixtures.edit(confDir.resolve(FakeAsterisk.PJSIP_FILE), "aor/max_contacts=1", "aor/max_contacts 1");

            reloader.reload(List.of(AsteriskCommand.reload(ConfFile.PJSIP)));

            assertThat(verifier.verify(ConfFixtures.expectedFivePhones()).ok()).isTrue();
        }

        @Test
        void aRemovedPhoneThatIsStillLiveIsAFailure() throws Exception {
            ConfFixtures.removeSection(confDir.resolve(FakeAsterisk.PJSIP_FILE), "cc105");
            asterisk.keepOldStateOnNextReloads(1);
            ExpectedLiveState expected = ExpectedLiveState.none().with(LiveKind.PJSIP_ENDPOINTS,
                    ConfFixtures.ENDPOINTS.subList(0, 4), List.of("cc105"));

            ReloadOutcome outcome = reloader.reload(List.of(AsteriskCommand.reload(ConfFile.PJSIP)));

            assertThat(outcome.ok()).isTrue();
            assertThat(verifier.verify(expected).message()).isEqualTo("pjsip: removed endpoints still live: cc105");

            reloader.reload(List.of(AsteriskCommand.reload(ConfFile.PJSIP)));
            assertThat(verifier.verify(expected).ok()).isTrue();
        }

        @Test
        void theChanSipCheckFailsClearlyOnAnAsteriskWithoutChanSip() {
            Verification verification = verifier.verify(ExpectedLiveState.none()
                    .with(LiveKind.SIP_PEERS, List.of("cc101")));

            assertThat(verification.message()).startsWith("sip: unexpected answer to 'sip show peers': No such command");
        }
    }

    /** The real formats of Asterisk's source, headers included, as the stand-in prints them. */
    @Nested
    class SourceFormats {

        @TempDir
        Path confDir;

        @Test
        void chanSipPeersAreRead() throws IOException {
            Files.writeString(confDir.resolve(FakeAsterisk.SIP_FILE), """
                    [CC101]
                    username=CC101
                    type=friend

                    [a-rather-long-sip-peer-name-1]
                    username=a-rather-long-sip-peer-name-1
                    type=friend
                    """);
            FakeAsterisk asterisk = new FakeAsterisk(confDir).boot();
            LiveStateVerifier verifier =
                    new LiveStateVerifier(command -> new CommandOutput(asterisk.execute(command.text()).text()));

            Verification verification = verifier.verify(ExpectedLiveState.none().with(LiveKind.SIP_PEERS,
                    List.of("CC101", "a-rather-long-sip-peer-name-1"), List.of("cc102")));

            assertThat(verification.problems()).isEmpty();
            assertThat(asterisk.execute("sip show peers").text()).startsWith("Name/username ")
                    .contains("2 sip peers [Monitored: 0 online, 0 offline Unmonitored: 0 online, 2 offline]");
        }
    }
}
