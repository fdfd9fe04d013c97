package io.dialfleet.agent.vicidial;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.LiveStateVerifier;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.Sleeper;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.refresh.Asterisk;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RefreshRunner;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.RenderMode;
import io.dialfleet.events.ServerRefreshCompleted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of a server whose phones VICIdial renders, through the agent's RefreshRunner, with a stand-in Asterisk that
 * shows dialfleet's loaded peers and VICIdial's written ones, and a real rebuild command (a script this test writes).
 * Time is fake: waiting for VICIdial's cron takes no real time.
 */
class VicidialRenderedRunTest {

    private static final String SERVER = "10.10.10.15";
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path confDir;
    @TempDir
    Path work;

    private VicidialAsterisk asterisk;
    private final FakeTime time = new FakeTime();
    private final AtomicReference<PeerConfigSnapshot> desired = new AtomicReference<>();
    private final List<ServerRefreshCompleted> reported = new ArrayList<>();

    @BeforeEach
    void standIn() {
        asterisk = new VicidialAsterisk(confDir);
    }

    @Test
    void aRebuildThatWritesEveryExpectedPeerIsAppliedAndDialfleetWritesNoFile() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101"), sip("cc102"), iax2("cc201")));
        RefreshRunner runner = runner(Optional.of(rebuild("""
                printf '[cc101]\\nsecret=x\\n[cc102]\\nsecret=x\\n' > "%1$s/sip-vicidial.conf"
                printf '[cc201]\\nsecret=x\\n' > "%1$s/iax-vicidial.conf"
                echo 'rebuilt 3 phones'
                """.formatted(confDir))));

        ServerRefreshCompleted status = run(runner);

        assertThat(status.outcome()).as(status.error()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.revision()).isEqualTo(1);
        assertThat(status.reloads()).singleElement().satisfies(entry -> {
            assertThat(entry.command()).isEqualTo("rebuild vicidial-rebuild");
            assertThat(entry.ok()).isTrue();
        });
        assertThat(status.files()).isEmpty();
        assertThat(status.peers().sip()).isEqualTo(2);
        assertThat(status.peers().iax2()).isEqualTo(1);
        try (Stream<Path> files = Files.list(confDir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("dialfleet-"));
        }
        assertThat(asterisk.reloads()).isEmpty();
        assertThat(asterisk.commands()).contains("sip show peers", "iax2 show peers")
                .noneMatch(command -> command.startsWith("dialplan") || command.startsWith("voicemail"));
        assertThat(time.slept()).isZero();
    }

    @Test
    void aRebuildThatLeavesAPhoneOutFailsNamingItOnceTheDeadlinePassed() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101"), sip("cc102"), sip("cc103")));
        RefreshRunner runner = runner(Optional.of(rebuild("""
                printf '[cc101]\\n[cc103]\\n' > "%s/sip-vicidial.conf"
                """.formatted(confDir))));

        ServerRefreshCompleted status = run(runner);

        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.error()).contains("1 of 3 peers missing: cc102").doesNotContain("cc101,")
                .contains("PT2M30S");
        assertThat(status.rolledBack()).isFalse();
        assertThat(time.slept()).isEqualTo(DEADLINE);
    }

    @Test
    void withoutARebuildCommandTheRunWaitsForVicidialsCron() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101")));
        time.at(Duration.ofSeconds(60), () -> write(VicidialAsterisk.VICIDIAL_SIP, "[cc101]\n"));

        ServerRefreshCompleted status = run(runner(Optional.empty()));

        assertThat(status.outcome()).as(status.error()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.reloads()).isEmpty();
        assertThat(time.slept()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66));
    }

    @Test
    void aFailingRebuildCommandIsReportedAndTheCronCanStillMakeTheRunApplied() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101")));
        time.at(Duration.ofSeconds(60), () -> write(VicidialAsterisk.VICIDIAL_SIP, "[cc101]\n"));
        RefreshRunner runner = runner(Optional.of(rebuild("echo 'DBI connect failed' >&2; exit 3")));

        ServerRefreshCompleted status = run(runner);

        assertThat(status.outcome()).as(status.error()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.reloads()).singleElement().satisfies(entry -> assertThat(entry.ok()).isFalse());
        assertThat(status.warnings()).contains("rebuild command vicidial-rebuild: exit 3");
    }

    @Test
    void aRebuildCommandThatHangsIsKilledAtItsTimeoutAndNamedInTheFailure() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101")));
        Path script = script("sleep 30");
        RefreshRunner runner = runner(Optional.of(new RebuildCommand(List.of(script.toString()),
                Duration.ofMillis(300))));

        long started = System.nanoTime();
        ServerRefreshCompleted status = run(runner);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(status.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(status.error()).contains("cc101").endsWith("rebuild command vicidial-rebuild: killed after PT0.3S");
    }

    @Test
    void switchingFromDialfleetEmptiesItsFilesOnceSoThatNoPeerIsLoadedTwice() throws Exception {
        desired.set(snapshot(1, RenderMode.DIALFLEET, sip("cc101"), iax2("cc201")));
        RefreshRunner runner = runner(Optional.of(rebuild("""
                printf '[cc101]\\n' > "%1$s/sip-vicidial.conf"
                printf '[cc201]\\n' > "%1$s/iax-vicidial.conf"
                """.formatted(confDir))));
        assertThat(run(runner).outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf"))).contains("[cc101]");
        int before = asterisk.reloads().size();

        desired.set(snapshot(2, RenderMode.VICIDIAL, sip("cc101"), iax2("cc201")));
        ServerRefreshCompleted switched = run(runner);

        assertThat(switched.outcome()).as(switched.error()).isEqualTo(RefreshOutcome.APPLIED);
        for (ConfFile file : ConfFile.values()) {
            String content = Files.readString(confDir.resolve(file.defaultName()));
            assertThat(content).as(file.defaultName()).doesNotContain("[cc").doesNotContain("exten")
                    .startsWith(";");
        }
        assertThat(Files.readString(confDir.resolve("dialfleet-sip.conf.prev"))).contains("[cc101]");
        assertThat(asterisk.reloads().subList(before, asterisk.reloads().size())).containsExactly(
                "module reload pbx_config.so", "module reload chan_sip.so", "module reload chan_iax2.so",
                "module reload app_voicemail.so");
        assertThat(switched.files()).filteredOn(ServerRefreshCompleted.FileResult::changed)
                .extracting(ServerRefreshCompleted.FileResult::name).as("the PJSIP file was header-only already")
                .containsExactly("dialfleet-extensions.conf", "dialfleet-sip.conf", "dialfleet-iax.conf",
                        "dialfleet-voicemail.conf");
        assertThat(switched.reloads()).extracting(ServerRefreshCompleted.ReloadResult::command)
                .endsWith("rebuild vicidial-rebuild");
        assertThat(asterisk.definedTwice()).as("peers loaded from both renderers").isEmpty();

        int afterSwitch = asterisk.reloads().size();
        ServerRefreshCompleted next = run(runner);
        assertThat(next.outcome()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(next.files()).noneMatch(ServerRefreshCompleted.FileResult::changed);
        assertThat(asterisk.reloads()).hasSize(afterSwitch);
    }

    @Test
    void aDeletedPhoneThatVicidialStillHasLiveFailsTheRun() throws Exception {
        Path staged = work.resolve("staged.conf");
        Files.writeString(staged, "[cc101]\n[cc102]\n");
        RefreshRunner runner = runner(Optional.of(rebuild("cp '%s' '%s/sip-vicidial.conf'".formatted(staged,
                confDir))));
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101"), sip("cc102")));
        assertThat(run(runner).outcome()).isEqualTo(RefreshOutcome.APPLIED);

        desired.set(snapshot(2, RenderMode.VICIDIAL, sip("cc101")));
        ServerRefreshCompleted stale = run(runner);

        assertThat(stale.outcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(stale.error()).contains("removed peers still live: cc102");

        Files.writeString(staged, "[cc101]\n");
        assertThat(run(runner).outcome()).isEqualTo(RefreshOutcome.APPLIED);
    }

    @Test
    void aPhoneDialfleetWouldRefuseIsNamedAsNotVerified() throws Exception {
        desired.set(snapshot(1, RenderMode.VICIDIAL, sip("cc101"), phone("cc102", "SIP", "")));
        RefreshRunner runner = runner(Optional.of(rebuild("printf '[cc101]\\n[cc102]\\n' > '%s/sip-vicidial.conf'"
                .formatted(confDir))));

        ServerRefreshCompleted status = run(runner);

        assertThat(status.outcome()).as(status.error()).isEqualTo(RefreshOutcome.APPLIED);
        assertThat(status.excluded()).isEmpty();
        assertThat(status.warnings()).anyMatch(warning -> warning.startsWith("phone cc102 (SIP) not verified"));
    }

    private RefreshRunner runner(Optional<RebuildCommand> rebuild) {
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        var reloader = new AsteriskReloader(asterisk,
                new ReloadPolicy(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(50)));
        return new RefreshRunner(SERVER, "test-agent", serverIp -> desired.get(), SipStackSetting.AUTO,
                new ConfInstaller(confDir, Optional.empty(), "rw-r-----"), names,
                Optional.of(new Asterisk(new AsteriskLogin(asterisk), reloader, ReloadCompletion.synchronous(),
                        new SettledVerifier(new LiveStateVerifier(asterisk), Duration.ZERO, time, time),
                        new RegistrationCleanup(asterisk), Asterisk.DEFAULT_PJSIP_REMOVALS_PER_RELOAD)),
                work.resolve("state.json"), reported::add, Clock.systemUTC(), new VicidialSettings(rebuild, DEADLINE));
    }

    private RebuildCommand rebuild(String body) throws IOException {
        return new RebuildCommand(List.of(script(body).toString()), Duration.ofSeconds(20));
    }

    private Path script(String body) throws IOException {
        Path script = work.resolve("vicidial-rebuild");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private void write(String file, String content) {
        try {
            Files.writeString(confDir.resolve(file), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ServerRefreshCompleted run(RefreshRunner runner) {
        runner.accept(new RefreshBatch(List.of(UUID.randomUUID()), 0, false));
        return reported.get(reported.size() - 1);
    }

    private static PeerConfigSnapshot snapshot(long revision, RenderMode mode, Phone... phones) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER, "18.21.0", "ServerSecret", "Y", mode), "ulaw",
                List.of(), List.of(phones));
    }

    private static Phone sip(String extension) {
        return phone(extension, "SIP", "Secret" + extension);
    }

    private static Phone iax2(String extension) {
        return phone(extension, "IAX2", "Secret" + extension);
    }

    private static Phone phone(String extension, String protocol, String secret) {
        String number = extension.substring(2);
        return new Phone(extension, number, number, "vm" + number, protocol, secret, "Agent " + extension,
                "3125550101", "default", "", "N", "", null, "", "0", "Y", "eastern", "", "Y", "", "", "N", 60);
    }

    /** A clock that moves only when the run sleeps, running what a test scheduled once its time has come. */
    private static final class FakeTime extends Clock implements Sleeper {

        private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private Instant now = start;
        private final List<Map.Entry<Instant, Runnable>> scheduled = new ArrayList<>();

        void at(Duration after, Runnable action) {
            scheduled.add(Map.entry(start.plus(after), action));
        }

        Duration slept() {
            return Duration.between(start, now);
        }

        @Override
        public void sleep(Duration duration) {
            now = now.plus(duration);
            scheduled.removeIf(entry -> {
                if (entry.getKey().isAfter(now)) {
                    return false;
                }
                entry.getValue().run();
                return true;
            });
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
