package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dialfleet.agent.render.ConfFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmiCommandRunnerTests {

    @TempDir
    Path confDir;

    private FakeAsterisk asterisk;
    private FakeAmiServer server;
    private AmiCommandRunner runner;

    @BeforeEach
    void start() throws IOException {
        asterisk = new FakeAsterisk(ConfFixtures.fivePhones(confDir)).boot();
        server = new FakeAmiServer(asterisk);
        runner = new AmiCommandRunner(server.settings());
    }

    @AfterEach
    void stop() throws IOException {
        runner.close();
        server.close();
    }

    @Test
    void runsACommandAndReturnsItsOutputLines() {
        CommandOutput output = runner.run(AsteriskCommand.reload(ConfFile.PJSIP));

        assertThat(output.text()).isEqualTo("Module 'res_pjsip.so' reloaded successfully.");
        assertThat(runner.run(AsteriskCommand.Show.IAX2_PEERS).lines())
                .hasSize(5)
                .endsWith("3 iax2 peers [0 online, 3 offline, 0 unmonitored]")
                .first().asString().startsWith("Name/Username    Host");
        assertThat(server.actions()).containsExactly("Login", "Command: module reload res_pjsip.so",
                "Command: iax2 show peers");
    }

    @Test
    void anUnknownCommandIsAnErrorResponseWhoseTextIsReturned() {
        asterisk.withoutModule("chan_sip.so");

        CommandOutput output = runner.run(AsteriskCommand.Show.SIP_PEERS);

        assertThat(output.text()).isEqualTo(
                "No such command 'sip show peers' (type 'core show help sip show peers' for other possible commands)");
    }

    @Test
    void aFailedCliCommandStillReturnsItsText() {
        assertThat(runner.run(AsteriskCommand.dialplanShow("nothing-here")).text())
                .isEqualTo("There is no existence of 'nothing-here' context");
    }

    @Test
    void aWrongSecretIsAnAccessErrorThatDoesNotShowTheSecret() {
        AmiCommandRunner wrong = new AmiCommandRunner(server.settings("not-the-secret"));

        assertThatThrownBy(() -> wrong.run(AsteriskCommand.Show.PJSIP_ENDPOINTS))
                .isInstanceOf(AsteriskAccessException.class)
                .hasMessageContaining("login as 'dialfleet'")
                .hasMessageContaining("Authentication failed")
                .hasMessageNotContaining("not-the-secret");
        wrong.close();
    }

    @Test
    void permissionDeniedSaysTheAccountNeedsWriteCommand() {
        server.denyCommands();

        assertThatThrownBy(() -> runner.run(AsteriskCommand.reload(ConfFile.IAX)))
                .isInstanceOf(AsteriskAccessException.class)
                .hasMessageContaining("needs write=command");
    }

    @Test
    void afterPermissionDeniedTheNextCommandLogsInAfreshAndGetsTheFixedPermissions() {
        server.denyCommands();
        assertThatThrownBy(() -> runner.run(AsteriskCommand.Show.IAX2_PEERS))
                .isInstanceOf(AsteriskAccessException.class);

        // The operator adds write=command and runs "manager reload": only a new login gets it.
        server.allowCommands();

        assertThat(runner.run(AsteriskCommand.Show.IAX2_PEERS).text()).contains("3 iax2 peers");
        assertThat(server.count("Login")).isEqualTo(2);
    }

    @Test
    void aSessionThatTimedOutIsDroppedAndTheNextCommandLogsInAgain() {
        AmiCommandRunner impatient = new AmiCommandRunner(server.settings()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300)));
        impatient.run(AsteriskCommand.Show.IAX2_PEERS);
        server.answerDelay(Duration.ofMillis(800));
        assertThatThrownBy(() -> impatient.run(AsteriskCommand.reload(ConfFile.PJSIP)))
                .isInstanceOf(AsteriskTimeoutException.class);

        server.answerDelay(Duration.ZERO);

        // On the old session this would first read the late answer to the reload; a fresh one answers this command.
        assertThat(impatient.run(AsteriskCommand.Show.IAX2_PEERS).text()).contains("3 iax2 peers");
        assertThat(server.count("Login")).isEqualTo(2);
        impatient.close();
    }

    @Test
    void theAccessCheckLogsInOnceAndReportsARefusedLogin() {
        runner.checkAccess();
        runner.checkAccess();
        assertThat(server.actions()).containsExactly("Login");

        AmiCommandRunner wrong = new AmiCommandRunner(server.settings("not-the-secret"));
        AsteriskLogin login = new AsteriskLogin(wrong);
        assertThat(login.lastProblem()).isNull();
        assertThat(login.check()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("login as 'dialfleet'").contains("Authentication failed").doesNotContain("not-the-secret"));
        assertThat(login.lastProblem()).isPresent();
        wrong.close();
    }

    @Test
    void interleavedEventsAndOtherActionsResponsesAreSkipped() {
        server.interleaveEvents();

        assertThat(runner.run(AsteriskCommand.reload(ConfFile.EXTENSIONS)).text())
                .isEqualTo("Module 'pbx_config.so' reloaded successfully.");
        assertThat(runner.run(AsteriskCommand.Show.VOICEMAIL_USERS).lines())
                .hasSize(10)
                .last().isEqualTo("8 voicemail users configured.");
    }

    @Test
    void thePre14FormatIsRead() {
        server.legacyFormat();

        assertThat(runner.run(AsteriskCommand.reload(ConfFile.VOICEMAIL)).text())
                .isEqualTo("Module 'app_voicemail.so' reloaded successfully.");
        assertThat(runner.run(AsteriskCommand.Show.PJSIP_ENDPOINTS).lines())
                .startsWith("", " Endpoint:  <Endpoint/CID.....................................>  <State.....>  <Channels.>")
                .endsWith("", "Objects found: 5");
        assertThat(new LiveStateVerifier(runner).verify(ConfFixtures.expectedFivePhones()).problems()).isEmpty();
    }

    @Test
    void oneConnectionIsReusedAndReplacedWhenItIsLost() throws IOException {
        runner.run(AsteriskCommand.Show.PJSIP_ENDPOINTS);
        runner.run(AsteriskCommand.Show.IAX2_PEERS);
        assertThat(server.count("Login")).isEqualTo(1);

        server.dropConnections();

        assertThat(runner.run(AsteriskCommand.reload(ConfFile.IAX)).text())
                .isEqualTo("Module 'chan_iax2.so' reloaded successfully.");
        assertThat(server.count("Login")).isEqualTo(2);
    }

    @Test
    void closeLogsOff() {
        runner.run(AsteriskCommand.Show.PJSIP_ENDPOINTS);

        runner.close();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.actions()).last().isEqualTo("Logoff"));
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        server.answerDelay(Duration.ofMillis(1500));
        AmiCommandRunner impatient = new AmiCommandRunner(server.settings()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(300)));

        assertThatThrownBy(() -> impatient.run(AsteriskCommand.reload(ConfFile.PJSIP)))
                .isInstanceOf(AsteriskTimeoutException.class)
                .hasMessageContaining("within PT0.3S");
        impatient.close();
    }

    @Test
    void nothingListeningIsAConnectionError() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        AmiCommandRunner nowhere = new AmiCommandRunner(AmiSettings.of("127.0.0.1", freePort, "u", "p"));

        assertThatThrownBy(() -> nowhere.run(AsteriskCommand.Show.IAX2_PEERS))
                .isInstanceOf(AsteriskConnectionException.class)
                .isNotInstanceOf(AsteriskTimeoutException.class);
    }

    @Test
    void settingsNeverShowTheSecret() {
        assertThat(server.settings().toString()).doesNotContain(FakeAmiServer.SECRET).contains("dialfleet@127.0.0.1");
        assertThatThrownBy(() -> AmiSettings.of("h", 5038, "u", "x\r\nAction: Logoff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Logoff");
    }
}
