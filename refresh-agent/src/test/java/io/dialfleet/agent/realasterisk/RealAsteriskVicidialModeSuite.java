package io.dialfleet.agent.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.refresh.Asterisk;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RefreshRunner;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.agent.vicidial.RebuildCommand;
import io.dialfleet.agent.vicidial.VicidialSettings;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.RenderMode;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AmiAccount;
import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.RealAsterisk;
import io.dialfleet.realasterisk.SkipEachTestWhenNoAsterisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server whose phones VICIdial renders, on a real Asterisk: the operator's configuration also includes VICIdial's
 * own file ({@code sip-vicidial.conf} or {@code pjsip-vicidial.conf}, and {@code iax-vicidial.conf}), and the
 * agent's rebuild command is a script this test writes in place of the operator's wrapper around
 * {@code ADMIN_keepalive_ALL.pl}: it copies what "VICIdial's database" holds (a file the test stages) into VICIdial's
 * file and reloads the modules through this Asterisk's control socket, as the keepalive script does. The agent is
 * wired as {@code AgentWiring} wires it in AMI mode. The tests run in order and share the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SkipEachTestWhenNoAsterisk.class)
abstract class RealAsteriskVicidialModeSuite {

    /** Long enough for a chan_sip reload of a few phones on a busy machine, short enough for a test to wait out. */
    private static final Duration DEADLINE = Duration.ofSeconds(8);

    private RealAsterisk asterisk;
    private TestServer server;
    private Registrations registrations;
    private AmiCommandRunner commands;
    private RenderMode mode = RenderMode.DIALFLEET;
    private Path staged;
    private RefreshRunner runner;
    private final List<ServerRefreshCompleted> reports = new ArrayList<>();

    protected abstract AsteriskLine line();

    @BeforeAll
    void startAsterisk() throws IOException {
        asterisk = RealAsterisk.start(line(), Path.of("target/real-asterisk"));
        server = new TestServer(line());
        registrations = new Registrations(asterisk, Path.of("target/real-asterisk/clients"));
        Path work = Files.createTempDirectory(asterisk.confDirectory().getParent(), "vicidial-");
        staged = work.resolve("staged");
        Files.createDirectories(staged);
        includeVicidialFiles();
        Path script = work.resolve("vicidial-rebuild");
        Files.writeString(script, """
                #!/bin/sh
                # Stands in for the operator's wrapper around VICIdial's ADMIN_keepalive_ALL.pl: writes VICIdial's
                # include files from what its database holds, then reloads the modules they feed.
                # $1 staged files, $2 Asterisk's conf directory, $3 the asterisk binary, $4 this run's asterisk.conf
                set -e
                for file in "$1"/*.conf; do cp "$file" "$2/"; done
                "$3" -C "$4" -rx 'module reload %s'
                "$3" -C "$4" -rx 'module reload chan_iax2.so'
                echo "rebuilt $(ls "$1" | wc -l) files"
                """.formatted(sipModule()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        AmiAccount ami = asterisk.ami();
        commands = new AmiCommandRunner(AmiSettings.of(ami.host(), ami.port(), ami.username(), ami.secret())
                .withTimeouts(AmiSettings.DEFAULT_CONNECT_TIMEOUT, AmiSettings.DEFAULT_READ_TIMEOUT,
                        Duration.ofMinutes(2)));
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        RebuildCommand rebuild = new RebuildCommand(List.of(script.toString(), staged.toString(),
                asterisk.confDirectory().toString(), asterisk.binary().toString(), asterisk.asteriskConf().toString()),
                Duration.ofSeconds(60));
        runner = new RefreshRunner(TestServer.SERVER_IP, "real-asterisk-it", serverIp -> snapshot(),
                SipStackSetting.AUTO, new ConfInstaller(asterisk.confDirectory(), Optional.empty(), "rw-r-----"),
                names, Optional.of(RealAgent.wiredTo(asterisk, commands)),
                work.resolve("agent-state.json"), reports::add, Clock.systemUTC(),
                new VicidialSettings(Optional.of(rebuild), DEADLINE));
    }

    @AfterAll
    void stopAsterisk() {
        if (commands != null) {
            commands.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    @Order(1)
    void switchingFromDialfleetEmptiesItsFilesAndVicidialsPeersWork() throws IOException {
        server.add(TestPhone.sip("vd", 101));
        server.add(TestPhone.sip("vd", 102));
        server.add(TestPhone.iax2("vx", 201));
        applied(run());
        assertThat(Files.readString(dialfleetFile(sipFile()))).contains("[vd101]");

        mode = RenderMode.VICIDIAL;
        stageVicidialFiles(Set.of());
        ServerRefreshCompleted switched = applied(run());

        for (ConfFile file : ConfFile.values()) {
            assertThat(Files.readString(dialfleetFile(file))).as(file.defaultName())
                    .doesNotContain("[vd").doesNotContain("[vx").doesNotContain("exten");
        }
        assertThat(Files.readString(asterisk.confDirectory().resolve(sipFile().defaultName() + ".prev")))
                .contains("[vd101]");
        assertThat(switched.reloads()).extracting(ServerRefreshCompleted.ReloadResult::command)
                .contains("module reload " + sipModule(), "module reload chan_iax2.so")
                .last().isEqualTo("rebuild vicidial-rebuild");
        assertThat(switched.reloads()).allMatch(ServerRefreshCompleted.ReloadResult::ok);
        assertEveryPhoneRegisters();
    }

    @Test
    @Order(2)
    void aRebuildThatMakesTheLiveStateMatchIsAppliedAndWritesNoFile() throws IOException {
        TestPhone added = server.add(TestPhone.sip("vd", 103));
        stageVicidialFiles(Set.of());
        Map<ConfFile, String> before = dialfleetFiles();

        ServerRefreshCompleted report = applied(run());

        assertThat(dialfleetFiles()).isEqualTo(before);
        assertThat(report.files()).noneMatch(ServerRefreshCompleted.FileResult::changed);
        assertThat(report.reloads()).extracting(ServerRefreshCompleted.ReloadResult::command)
                .containsExactly("rebuild vicidial-rebuild");
        assertThat(registrations.sip(added.extension, added.secret).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRebuildThatLeavesAPhoneOutFailsNamingItOnceTheDeadlinePassed() throws IOException {
        server.add(TestPhone.sip("vd", 104));
        stageVicidialFiles(Set.of("vd104"));

        ServerRefreshCompleted report = run();

        assertThat(report.outcome()).as(() -> describe(report)).isEqualTo(RefreshOutcome.FAILED);
        assertThat(report.error()).contains("vd104").doesNotContain("vd101").contains(DEADLINE.toString());
        assertThat(report.rolledBack()).isFalse();
        assertThat(Duration.ofMillis(report.durationMs())).isGreaterThanOrEqualTo(DEADLINE);
        assertThat(report.reloads()).singleElement().satisfies(entry -> assertThat(entry.ok()).isTrue());
    }

    @Test
    @Order(4)
    void aPhoneDeletedInDialfleetButStillRenderedByVicidialFailsTheRun() throws IOException {
        stageVicidialFiles(Set.of());
        applied(run());
        server.remove("vd102");
        ServerRefreshCompleted stale = run();

        assertThat(stale.outcome()).as(() -> describe(stale)).isEqualTo(RefreshOutcome.FAILED);
        assertThat(stale.error()).contains("vd102");

        stageVicidialFiles(Set.of());
        applied(run());
        assertThat(registrations.sip("vd102", "Pwvd102x").status()).isIn(401, 403, 404);
    }

    private void includeVicidialFiles() throws IOException {
        Path etc = asterisk.confDirectory();
        for (String file : List.of(vicidialSipFile(), "iax-vicidial.conf")) {
            Files.writeString(etc.resolve(file), "; VICIdial writes this file\n");
        }
        // VICIdial includes its file at the end of [general] in sip.conf, and from pjsip.conf and iax.conf.
        String sipConf = line() == AsteriskLine.PJSIP ? "pjsip.conf" : "sip.conf";
        Files.writeString(etc.resolve(sipConf), "#include " + vicidialSipFile() + "\n", StandardOpenOption.APPEND);
        Files.writeString(etc.resolve("iax.conf"), "#include iax-vicidial.conf\n", StandardOpenOption.APPEND);
        asterisk.cli("module reload " + sipModule());
        asterisk.cli("module reload chan_iax2.so");
    }

    /** What VICIdial's keepalive would write for the server's phones, without {@code leftOut}. */
    private void stageVicidialFiles(Set<String> leftOut) throws IOException {
        StringBuilder sip = new StringBuilder("; VICIdial writes this file\n");
        StringBuilder iax = new StringBuilder("; VICIdial writes this file\n");
        for (TestPhone phone : server.phones()) {
            if (leftOut.contains(phone.extension)) {
                continue;
            }
            if (phone.isIax2()) {
                iax.append("""
                        [%1$s]
                        type=friend
                        username=%1$s
                        secret=%2$s
                        auth=md5
                        host=dynamic
                        requirecalltoken=no
                        context=default
                        accountcode=%1$s
                        """.formatted(phone.extension, phone.secret));
            } else if (line() == AsteriskLine.PJSIP) {
                sip.append("""
                        [%1$s]
                        type=aor
                        max_contacts=1
                        remove_existing=yes
                        [%1$s]
                        type=auth
                        auth_type=userpass
                        username=%1$s
                        password=%2$s
                        [%1$s]
                        type=endpoint
                        context=default
                        disallow=all
                        allow=ulaw
                        auth=%1$s
                        aors=%1$s
                        accountcode=%1$s
                        """.formatted(phone.extension, phone.secret));
            } else {
                sip.append("""
                        [%1$s]
                        disallow=all
                        allow=ulaw
                        type=friend
                        username=%1$s
                        secret=%2$s
                        host=dynamic
                        context=default
                        accountcode=%1$s
                        """.formatted(phone.extension, phone.secret));
            }
        }
        Files.writeString(staged.resolve(vicidialSipFile()), sip);
        Files.writeString(staged.resolve("iax-vicidial.conf"), iax);
    }

    private PeerConfigSnapshot snapshot() {
        PeerConfigSnapshot plain = server.snapshot();
        PeerConfigSnapshot.Server s = plain.server();
        return new PeerConfigSnapshot(plain.schemaVersion(), plain.revision(), new PeerConfigSnapshot.Server(
                s.serverId(), s.serverIp(), s.asteriskVersion(), s.confSecret(), s.confQualify(), mode),
                plain.defaultCodecs(), plain.templates(), plain.phones());
    }

    private ServerRefreshCompleted run() {
        runner.accept(new RefreshBatch(List.of(UUID.randomUUID()), 0, false));
        return reports.get(reports.size() - 1);
    }

    private ServerRefreshCompleted applied(ServerRefreshCompleted report) {
        assertThat(report.outcome()).as(() -> describe(report)).isEqualTo(RefreshOutcome.APPLIED);
        return report;
    }

    private void assertEveryPhoneRegisters() {
        assertThat(registrations.failures(server.phones())).as("phones that did not register").isEmpty();
    }

    private Map<ConfFile, String> dialfleetFiles() {
        Map<ConfFile, String> contents = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            try {
                contents.put(file, Files.readString(dialfleetFile(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }

    private Path dialfleetFile(ConfFile file) {
        return asterisk.confDirectory().resolve(file.defaultName());
    }

    private ConfFile sipFile() {
        return line() == AsteriskLine.PJSIP ? ConfFile.PJSIP : ConfFile.SIP;
    }

    private String vicidialSipFile() {
        return line() == AsteriskLine.PJSIP ? "pjsip-vicidial.conf" : "sip-vicidial.conf";
    }

    private String sipModule() {
        return line() == AsteriskLine.PJSIP ? "res_pjsip.so" : "chan_sip.so";
    }

    private String describe(ServerRefreshCompleted report) {
        return "run " + report.outcome() + " at revision " + report.revision() + ", error: " + report.error()
                + ", reloads: " + report.reloads() + ", warnings: " + report.warnings()
                + "\nAsterisk's log:\n" + asterisk.logTail(30);
    }
}
