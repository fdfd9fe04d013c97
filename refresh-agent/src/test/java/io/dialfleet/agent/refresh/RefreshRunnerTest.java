package io.dialfleet.agent.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.asterisk.AsteriskCommand;
import io.dialfleet.agent.asterisk.CommandRunner;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.FakeAmiServer;
import io.dialfleet.agent.asterisk.FakeAsterisk;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.SipOptionsProbe;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.agent.vicidial.VicidialSettings;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One agent's runs against a stand-in Asterisk reached over real AMI, with the real renderer and installer. */
class RefreshRunnerTest {

    private static final String SERVER = "10.10.10.15";

    @TempDir
    Path confDir;

    private FakeAsterisk asterisk;
    private FakeAmiServer ami;
    private AmiCommandRunner commands;
    private final AtomicReference<PeerConfigSnapshot> desired = new AtomicReference<>();
    private final List<ServerRefreshCompleted> reported = new ArrayList<>();
    private RefreshRunner runner;

    @BeforeEach
    void startAsterisk() throws Exception {
        asterisk = new FakeAsterisk(confDir).boot();
        ami = new FakeAmiServer(asterisk);
        commands = new AmiCommandRunner(AmiSettings.of("127.0.0.1", ami.port(), FakeAmiServer.USERNAME,
                FakeAmiServer.SECRET));
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        var reloader = new AsteriskReloader(commands,
                new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50)));
        runner = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(), SipStackSetting.AUTO,
                new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), names,
                Optional.of(new Asterisk(new AsteriskLogin(commands), reloader, new LiveStateVerifier(commands),
                        new RegistrationCleanup(commands))),
                confDir.resolve("state.json"), reported::add, Clock.systemUTC());
    }

    @AfterEach
    void stopAsterisk() throws Exception {
        commands.close();
        ami.close();
    }

    @Test
    void aFirstRunCreatesEveryFileAndReloadsEveryModuleOfItsStack() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = run(request(1, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.files()).hasSize(5).allMatch(ServerRefreshCompleted.FileResult::changed);
        assertThat(asterisk.reloads()).containsExactly("module reload pbx_config.so", "module reload chan_sip.so",
                "module reload chan_iax2.so", "module reload app_voicemail.so");
    }

    @Test
    void aNewPhoneReloadsOnlyTheModulesWhoseFilesChanged() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        int reloads = asterisk.reloads().size();
        desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.revision()).isEqualTo(2);
        assertThat(status.peers().sip()).isEqualTo(2);
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).contains("[cc101]", "[cc102]");
        assertThat(asterisk.reloads().subList(reloads, asterisk.reloads().size())).containsExactly(
                "module reload pbx_config.so", "module reload chan_sip.so", "module reload app_voicemail.so");
        assertThat(asterisk.commands()).contains("sip show peers", "dialplan show dialfleet-phones",
                "voicemail show users");
        assertThat(status.reloads()).hasSize(3).allMatch(ServerRefreshCompleted.ReloadResult::ok);
    }

    @Test
    void identicalDataIsUnchangedAndReloadsNothing() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        int reloads = asterisk.reloads().size();
        desired.set(snapshot(2, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.UNCHANGED);
        assertThat(status.revision()).isEqualTo(2);
        assertThat(asterisk.reloads()).hasSize(reloads);
        assertThat(status.files()).noneMatch(ServerRefreshCompleted.FileResult::changed);
    }

    @Test
    void aForcedRunReloadsEveryModuleOfTheActiveStack() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        int reloads = asterisk.reloads().size();

        ServerRefreshCompleted status = run(request(1, true));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(asterisk.reloads().subList(reloads, asterisk.reloads().size())).containsExactly(
                "module reload pbx_config.so", "module reload chan_sip.so", "module reload chan_iax2.so",
                "module reload app_voicemail.so");
    }

    @Test
    void aReloadErrorRestoresThePreviousFiles() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        String before = Files.readString(confDir.resolve("dialfleet-sip.conf"));
        asterisk.failNextReloads(1);
        desired.set(snapshot(2, phone("cc101", "Changed101")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.rolledBack()).isTrue();
        assertThat(status.error()).contains("reported a reload failure").doesNotContain("Changed101");
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).isEqualTo(before);
    }

    @Test
    void aReloadThatSaysSuccessButLosesPhonesIsCaughtAndRolledBack() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        String before = Files.readString(confDir.resolve("dialfleet-sip.conf"));
        asterisk.keepOldStateOnNextReloads(1);
        desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.rolledBack()).isTrue();
        // The dialplan reloads first; Asterisk kept its old state, so the new phone's extension is not live.
        assertThat(status.error()).contains("extensions missing: 102");
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).isEqualTo(before);
    }

    @Test
    void anInstallThatFailsHalfWayIsRolledBackAndAsteriskKeepsThePreviousPhones() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        String dialplanBefore = Files.readString(confDir.resolve("dialfleet-extensions.conf"));
        String sipBefore = Files.readString(confDir.resolve("dialfleet-sip.conf"));
        Path inTheWay = blockWritesOf("dialfleet-sip.conf");
        desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.rolledBack()).isTrue();
        assertThat(status.error()).startsWith("cannot install the rendered files: cannot write")
                .contains("dialfleet-sip.conf").doesNotContain("Secret102");
        // The dialplan file is installed before the chan_sip one: it was replaced, then put back.
        assertThat(confDir.resolve("dialfleet-extensions.conf.prev")).content().contains("exten => 102,1,");
        assertThat(Files.readString(confDir.resolve("dialfleet-extensions.conf"))).isEqualTo(dialplanBefore);
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).isEqualTo(sipBefore);
        assertThat(commands.run(AsteriskCommand.dialplanShow("dialfleet-phones")).text()).contains("'101'")
                .doesNotContain("'102'");

        unblock(inTheWay);
        ServerRefreshCompleted next = run(request(2, false));

        assertThat(next.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(commands.run(AsteriskCommand.Show.SIP_PEERS).text()).contains("cc102");
    }

    @Test
    void withoutAnAsteriskAnInstallThatFailsHalfWayStillPutsTheFilesBack() throws Exception {
        RefreshRunner filesOnly = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(),
                SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), fileNames(),
                Optional.empty(), confDir.resolve("state.json"), reported::add, Clock.systemUTC());
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        runWith(filesOnly, request(1, false));
        String dialplanBefore = Files.readString(confDir.resolve("dialfleet-extensions.conf"));
        Path inTheWay = blockWritesOf("dialfleet-sip.conf");
        desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));

        ServerRefreshCompleted status = runWith(filesOnly, request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.rolledBack()).isTrue();
        assertThat(Files.readString(confDir.resolve("dialfleet-extensions.conf"))).isEqualTo(dialplanBefore);
        unblock(inTheWay);
        assertThat(runWith(filesOnly, request(2, false)).outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(Files.readString(confDir.resolve("dialfleet-extensions.conf"))).contains("exten => 102,1,");
    }

    /**
     * The installer writes each file through a temp file beside it: a directory in that place makes the file
     * impossible to write, as a full disk or a wrong permission would, on the real file system.
     */
    private Path blockWritesOf(String name) throws Exception {
        return Files.createDirectories(confDir.resolve("." + name + ".tmp").resolve("in-the-way"));
    }

    private static void unblock(Path inTheWay) throws Exception {
        Files.delete(inTheWay);
        Files.delete(inTheWay.getParent());
    }

    @Test
    void eachPhaseOfARunIsToldToThePhaseListenerInTheOrderItRan() throws Exception {
        List<RunPhase> phases = new ArrayList<>();
        RefreshRunner timed = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(), SipStackSetting.AUTO,
                new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), fileNames(),
                Optional.of(new Asterisk(new AsteriskLogin(commands), new AsteriskReloader(commands,
                        new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50))),
                        new LiveStateVerifier(commands), new RegistrationCleanup(commands))),
                confDir.resolve("state.json"), reported::add, Clock.systemUTC(), VicidialSettings.defaults(),
                (phase, took) -> phases.add(phase));
        desired.set(snapshot(1, phone("cc101", "Secret101")));

        assertThat(runWith(timed, request(1, false)).outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(phases).containsExactly(RunPhase.FETCH, RunPhase.RENDER, RunPhase.INSTALL, RunPhase.RELOAD,
                RunPhase.VERIFY);

        phases.clear();
        assertThat(runWith(timed, request(1, false)).outcome()).isEqualTo(RefreshOutcome.UNCHANGED);
        assertThat(phases).containsExactly(RunPhase.FETCH, RunPhase.RENDER);
    }

    @Test
    void aPhoneTheRendererLeavesOutIsReportedExcludedAndLoggedWithoutItsValues() throws Exception {
        Phone unsafe = phone("cc102", "Bad;Secret");
        desired.set(snapshot(1, phone("cc101", "Secret101"), unsafe));
        List<String> logged = new ArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RefreshRunner.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        ServerRefreshCompleted status;
        try {
            status = run(request(1, false));
        } finally {
            log.removeHandler(capture);
        }

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.excluded()).containsExactly(new ServerRefreshCompleted.ExcludedPhone("cc102", "SIP",
                "conf_secret contains CR, LF, NUL or ';'"));
        assertThat(status.warnings()).isEmpty();
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).contains("[cc101]").doesNotContain("cc102");
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("phone cc102 (SIP) left out",
                "conf_secret contains CR, LF, NUL or ';'"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("Bad;Secret"));
    }

    @Test
    void aRollbackOfAFileThatDidNotExistLeavesTheEmptyFileNotNone() throws Exception {
        asterisk.failNextReloads(1);
        desired.set(snapshot(1, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = run(request(1, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.rolledBack()).isTrue();
        // An #include may already name these files: a missing one would make Asterisk refuse the including file.
        for (ConfFile file : ConfFile.values()) {
            assertThat(confDir.resolve(file.defaultName())).exists();
        }
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).isEqualTo(
                "; Generated by dialfleet for server telco15 (10.10.10.15). Do not edit: dialfleet overwrites this file.\n");
        assertThat(Files.readString(confDir.resolve("dialfleet-extensions.conf"))).endsWith("\n\n[dialfleet-phones]\n")
                .doesNotContain("101");
    }

    @Test
    void filesInstalledByARunThatDiedBeforeItsReloadAreReloadedAndCheckedAtTheNextStart() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        AtomicBoolean crashAtReload = new AtomicBoolean(true);
        CommandRunner dying = command -> {
            if (command instanceof AsteriskCommand.ModuleReload && crashAtReload.get()) {
                throw new ProcessKilled();
            }
            return commands.run(command);
        };
        RefreshRunner killed = runner(dying);
        desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));
        int reloads = asterisk.reloads().size();

        assertThatThrownBy(() -> killed.accept(request(2, false))).isInstanceOf(ProcessKilled.class);
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).contains("[cc102]");
        assertThat(asterisk.reloads()).hasSize(reloads);

        ServerRefreshCompleted status = runWith(runner(commands), new RefreshBatch(List.of(), 0, false));

        assertThat(status.files()).noneMatch(ServerRefreshCompleted.FileResult::changed);
        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(asterisk.reloads().subList(reloads, asterisk.reloads().size())).containsExactly(
                "module reload pbx_config.so", "module reload chan_sip.so", "module reload app_voicemail.so");
        assertThat(commands.run(AsteriskCommand.Show.SIP_PEERS).text()).contains("cc102");

        ServerRefreshCompleted next = runWith(runner(commands), new RefreshBatch(List.of(), 0, false));
        assertThat(next.outcome()).as("once checked, nothing is left to finish").isEqualTo(RefreshOutcome.UNCHANGED);
    }

    @Test
    void aRefusedAmiLoginFailsTheRunBeforeAnyFileIsWritten() throws Exception {
        AmiCommandRunner wrongSecret = new AmiCommandRunner(AmiSettings.of("127.0.0.1", ami.port(),
                FakeAmiServer.USERNAME, "not-the-secret"));
        RefreshRunner refused = runner(wrongSecret);
        desired.set(snapshot(1, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = runWith(refused, request(1, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.error()).startsWith("nothing installed: AMI login as 'dialfleet'")
                .contains("Authentication failed").doesNotContain("not-the-secret");
        assertThat(refused.asteriskLogin().orElseThrow().lastProblem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("was refused"));
        assertThat(confDir.resolve("dialfleet-sip.conf")).doesNotExist();
        assertThat(asterisk.reloads()).isEmpty();
        wrongSecret.close();
    }

    @Test
    void aDeletedChanSipPhonesRegistrationIsRemovedSoARepeatedAddDoesNotRingTheOldDevice() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101"), phone("cc102", "Secret102")));
        run(request(1, false));
        asterisk.registerSipPeer("cc101");
        asterisk.registerSipPeer("cc102");
        desired.set(snapshot(2, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(asterisk.astdbKeys()).containsExactly("/SIP/Registry/cc101");
        assertThat(asterisk.commands()).containsSubsequence("module reload chan_sip.so", "sip show peers",
                "database del SIP/Registry cc102");
        assertThat(status.warnings()).isEmpty();
    }

    @Test
    void aReKeyedChanSipPhoneIsUnregisteredOnceTheNewSecretIsLive() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101"), phone("cc102", "Secret102")));
        run(request(1, false));
        asterisk.registerSipPeer("cc101");
        asterisk.registerSipPeer("cc102");
        desired.set(snapshot(2, phone("cc101", "Changed101"), phone("cc102", "Secret102")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(asterisk.astdbKeys()).containsExactly("/SIP/Registry/cc102");
        assertThat(asterisk.commands()).containsSubsequence("module reload chan_sip.so", "sip unregister cc101")
                .doesNotContain("sip unregister cc102");
    }

    @Test
    void aDeletedPjsipPhonesContactsAreRemovedAndOnlyTheirs() throws Exception {
        desired.set(pjsipSnapshot(1, phone("cc101", "Secret101"), phone("cc102", "Secret102")));
        run(request(1, false));
        asterisk.registerPjsipContact("cc101");
        asterisk.registerPjsipContact("cc102");
        desired.set(pjsipSnapshot(2, phone("cc101", "Secret101")));

        ServerRefreshCompleted status = run(request(2, false));

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(asterisk.astdbKeys()).singleElement().asString().startsWith("/registrar/contact/cc101;@");
        assertThat(asterisk.commands()).containsSubsequence("module reload res_pjsip.so",
                "database show registrar/contact");
    }

    @Test
    void aChanSipReloadWhoseEndIsNeverSeenIsNotRolledBackAndTheNextRunChecksAgain() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        try (java.net.DatagramSocket silentSipPort = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            RefreshRunner probing = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(),
                    SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), fileNames(),
                    Optional.of(new Asterisk(new AsteriskLogin(commands), new AsteriskReloader(commands,
                            new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50))),
                            new ReloadCompletion(Optional.of(new SipOptionsProbe(new java.net.InetSocketAddress(
                                    "127.0.0.1", silentSipPort.getLocalPort()))), Duration.ofMillis(600)),
                            new SettledVerifier(new LiveStateVerifier(commands), Duration.ZERO),
                            new RegistrationCleanup(commands), Asterisk.DEFAULT_PJSIP_REMOVALS_PER_RELOAD)),
                    confDir.resolve("state.json"), reported::add, Clock.systemUTC());
            // chan_sip has not applied the new file yet when the agent looks, and its SIP port stays silent: what a
            // real chan_sip still reloading shows, which a real one cannot be made to do on demand.
            asterisk.keepOldStateOnNextReloadOf("chan_sip.so");
            desired.set(snapshot(2, phone("cc101", "Secret101"), phone("cc102", "Secret102")));

            probing.accept(request(2, false));
            ServerRefreshCompleted raced = reported.get(reported.size() - 1);

            assertThat(raced.outcome()).isEqualTo(RefreshOutcome.FAILED);
            assertThat(raced.rolledBack()).isFalse();
            assertThat(raced.excluded()).isEmpty();
            assertThat(raced.error()).contains("sip: 1 of 2 peers missing: cc102", "did not answer SIP",
                    "not rolled back");
            assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).contains("[cc102]");

            int reloads = asterisk.reloads().size();
            probing.accept(request(2, false));
            ServerRefreshCompleted next = reported.get(reported.size() - 1);

            assertThat(next.outcome()).isEqualTo(RefreshOutcome.APPLIED);
            assertThat(asterisk.reloads().subList(reloads, asterisk.reloads().size()))
                    .as("the files did not change since, but were never checked: reloaded and checked again")
                    .contains("module reload chan_sip.so");
        }
    }

    @Test
    void aLargePjsipRemovalIsReloadedInStepsAndEveryStepKeepsTheOtherPhones() throws Exception {
        RefreshRunner stepping = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(),
                SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), fileNames(),
                Optional.of(new Asterisk(new AsteriskLogin(commands), new AsteriskReloader(commands,
                        new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50))),
                        ReloadCompletion.synchronous(), new SettledVerifier(new LiveStateVerifier(commands),
                        Duration.ZERO), new RegistrationCleanup(commands), 4)),
                confDir.resolve("state.json"), reported::add, Clock.systemUTC());
        List<Phone> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(pjsipPhone("cc" + (110 + i)));
        }
        desired.set(pjsipSnapshot(1, twelve));
        stepping.accept(request(1, false));
        int reloads = asterisk.reloads().size();
        desired.set(pjsipSnapshot(2, twelve.subList(10, 12)));

        stepping.accept(request(2, false));
        ServerRefreshCompleted status = reported.get(reported.size() - 1);

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        // 10 removed, 4 per reload: two steps, then the rendered file.
        assertThat(asterisk.reloads().subList(reloads, asterisk.reloads().size()))
                .containsExactly("module reload res_pjsip.so", "module reload res_pjsip.so",
                        "module reload pbx_config.so", "module reload res_pjsip.so", "module reload app_voicemail.so");
        assertThat(Files.readString(confDir.resolve("dialfleet-pjsip.conf"))).contains("[cc120]", "[cc121]")
                .doesNotContain("[cc110]", "[cc119]");
    }

    private static PeerConfigSnapshot pjsipSnapshot(long revision, List<Phone> phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER, "22.1.0", "ServerSecret", "Y"), "ulaw",
                List.of(), phones);
    }

    private static Phone pjsipPhone(String extension) {
        String number = extension.substring(2);
        return new Phone(extension, number, number, "vm" + number, "PJSIP", "Secret" + number, "Agent " + extension,
                "3125550101", "default", "", "N", "", null, "", "0", "Y", "eastern", "", "Y", "", "", "N", 60);
    }

    private Map<ConfFile, String> fileNames() {
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        return names;
    }

    @Test
    void theApiServiceBeingUnreachableIsReportedFailed() {
        RefreshRunner unreachable = new RefreshRunner(SERVER, "test-agent", serverIp -> {
            throw new SnapshotSource.SnapshotUnavailable("the api-service did not answer within PT2M", null);
        }, SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), Map.of(),
                Optional.empty(), confDir.resolve("state.json"), reported::add, Clock.systemUTC());

        unreachable.accept(new RefreshBatch(List.of(UUID.randomUUID()), 7, false));

        assertThat(reported.get(0).outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(reported.get(0).revision()).isEqualTo(7);
        assertThat(reported.get(0).error()).contains("did not answer");
    }

    private ServerRefreshCompleted run(RefreshBatch batch) {
        return runWith(runner, batch);
    }

    private ServerRefreshCompleted runWith(RefreshRunner anyRunner, RefreshBatch batch) {
        anyRunner.accept(batch);
        return reported.get(reported.size() - 1);
    }

    /** Another agent process on the same directory and state file, talking to Asterisk through {@code through}. */
    private RefreshRunner runner(CommandRunner through) {
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        var reloader = new AsteriskReloader(through,
                new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50)));
        return new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(), SipStackSetting.AUTO,
                new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), names,
                Optional.of(new Asterisk(new AsteriskLogin(through), reloader, new LiveStateVerifier(through),
                        new RegistrationCleanup(through))),
                confDir.resolve("state.json"), reported::add, Clock.systemUTC());
    }

    /** Stands for the JVM dying at that point: nothing after it runs. */
    private static final class ProcessKilled extends Error {
        ProcessKilled() {
            super("killed");
        }
    }

    private static RefreshBatch request(long revision, boolean force) {
        return new RefreshBatch(List.of(UUID.randomUUID()), revision, force);
    }

    static PeerConfigSnapshot snapshot(long revision, Phone... phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER, "18.21.0", "ServerSecret", "Y"), "ulaw",
                List.of(), List.of(phones));
    }

    static PeerConfigSnapshot pjsipSnapshot(long revision, Phone... phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER, "21.4.1", "ServerSecret", "Y"), "ulaw",
                List.of(), List.of(phones));
    }

    static Phone phone(String extension, String secret) {
        String number = extension.substring(2);
        return new Phone(extension, number, number, "vm" + number, "SIP", secret, "Agent " + extension, "3125550101",
                "default", "", "N", "", null, "", "0", "Y", "eastern", "", "Y", "", "", "N", 60);
    }
}
