package io.dialfleet.agent.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.FakeAmiServer;
import io.dialfleet.agent.asterisk.FakeAsterisk;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.SipOptionsProbe;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStackSetting;
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
                Optional.of(new Asterisk(reloader, new LiveStateVerifier(commands))),
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
    void aChanSipReloadWhoseEndIsNeverSeenIsNotRolledBackAndTheNextRunChecksAgain() throws Exception {
        desired.set(snapshot(1, phone("cc101", "Secret101")));
        run(request(1, false));
        try (java.net.DatagramSocket silentSipPort = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            RefreshRunner probing = new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(),
                    SipStackSetting.AUTO, new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), fileNames(),
                    Optional.of(new Asterisk(new AsteriskReloader(commands, new ReloadPolicy(Duration.ofSeconds(2),
                            Duration.ofMillis(10), Duration.ofMillis(50))),
                            new ReloadCompletion(Optional.of(new SipOptionsProbe(new java.net.InetSocketAddress(
                                    "127.0.0.1", silentSipPort.getLocalPort()))), Duration.ofMillis(600)),
                            new SettledVerifier(new LiveStateVerifier(commands), Duration.ZERO))),
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
                Optional.of(new Asterisk(new AsteriskReloader(commands, new ReloadPolicy(Duration.ofSeconds(2),
                        Duration.ofMillis(10), Duration.ofMillis(50))), ReloadCompletion.synchronous(),
                        new SettledVerifier(new LiveStateVerifier(commands), Duration.ZERO), 4)),
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
        runner.accept(batch);
        return reported.get(reported.size() - 1);
    }

    private static RefreshBatch request(long revision, boolean force) {
        return new RefreshBatch(List.of(UUID.randomUUID()), revision, force);
    }

    static PeerConfigSnapshot snapshot(long revision, Phone... phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER, "18.21.0", "ServerSecret", "Y"), "ulaw",
                List.of(), List.of(phones));
    }

    static Phone phone(String extension, String secret) {
        String number = extension.substring(2);
        return new Phone(extension, number, number, "vm" + number, "SIP", secret, "Agent " + extension, "3125550101",
                "default", "", "N", "", null, "", "0", "Y", "eastern", "", "Y", "", "", "N", 60);
    }
}
