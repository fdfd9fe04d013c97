package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.agent.render.ConfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsteriskReloaderTests {

    private static final AsteriskCommand.ModuleReload EXTENSIONS = AsteriskCommand.reload(ConfFile.EXTENSIONS);
    private static final AsteriskCommand.ModuleReload PJSIP = AsteriskCommand.reload(ConfFile.PJSIP);
    private static final AsteriskCommand.ModuleReload IAX = AsteriskCommand.reload(ConfFile.IAX);
    private static final AsteriskCommand.ModuleReload VOICEMAIL = AsteriskCommand.reload(ConfFile.VOICEMAIL);

    @TempDir
    Path confDir;

    private final FakeTime time = new FakeTime();
    private FakeAsterisk asterisk;
    private FakeAmiServer server;
    private AmiCommandRunner runner;

    @BeforeEach
    void start() throws IOException {
        asterisk = new FakeAsterisk(ConfFixtures.fivePhones(confDir));
        server = new FakeAmiServer(asterisk);
        runner = new AmiCommandRunner(server.settings());
    }

    @AfterEach
    void stop() throws IOException {
        runner.close();
        server.close();
    }

    @Test
    void runsTheReloadsInTheGivenOrder() throws InterruptedException {
        ReloadOutcome outcome = reloader(ReloadPolicy.defaults()).reload(List.of(EXTENSIONS, PJSIP, IAX, VOICEMAIL));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.results()).extracting(ReloadResult::commandText).containsExactly(
                "module reload pbx_config.so", "module reload res_pjsip.so", "module reload chan_iax2.so",
                "module reload app_voicemail.so");
        assertThat(outcome.results()).allSatisfy(result -> {
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(result.failure()).isEmpty();
        });
        assertThat(asterisk.reloads()).containsExactly("module reload pbx_config.so", "module reload res_pjsip.so",
                "module reload chan_iax2.so", "module reload app_voicemail.so");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void waitsOutABusyAsteriskWithDoublingWaits() throws InterruptedException {
        asterisk.busyForNextReloads(3);

        ReloadOutcome outcome = reloader(ReloadPolicy.defaults()).reload(List.of(PJSIP, IAX));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.results().get(0).attempts()).isEqualTo(4);
        assertThat(outcome.results().get(0).millis()).isEqualTo(3500);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(asterisk.reloads()).containsExactly("module reload res_pjsip.so", "module reload res_pjsip.so",
                "module reload res_pjsip.so", "module reload res_pjsip.so", "module reload chan_iax2.so");
    }

    @Test
    void busyPastTheBudgetIsAFailureAndStopsTheSequence() throws InterruptedException {
        asterisk.busyForNextReloads(Integer.MAX_VALUE);

        ReloadOutcome outcome = reloader(ReloadPolicy.defaults()).reload(List.of(EXTENSIONS, PJSIP, IAX));

        assertThat(outcome.ok()).isFalse();
        ReloadResult failure = outcome.failure().orElseThrow();
        assertThat(failure.commandText()).isEqualTo("module reload pbx_config.so");
        assertThat(failure.error()).startsWith("Asterisk was still busy after 300 s")
                .endsWith("A module reload request is already in progress; please be patient");
        assertThat(failure.millis()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(time.slept()).isEqualTo(Duration.ofMinutes(5));
        assertThat(time.sleeps()).contains(Duration.ofSeconds(10)).allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0);
        assertThat(outcome.notRun()).containsExactly(PJSIP, IAX);
        assertThat(asterisk.reloads()).allMatch(r -> r.equals("module reload pbx_config.so"));
        assertThat(outcome.unfinished()).as("Asterisk may still be reloading: not a reason to roll back").isTrue();
    }

    @Test
    void noAnswerUntilTheBudgetEndsIsUnfinishedNotRefused() throws InterruptedException {
        ReloadOutcome outcome = reloaderOver(() -> {
            throw new AsteriskTimeoutException("no answer within PT10M");
        }).reload(List.of(PJSIP));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.unfinished()).isTrue();
        assertThat(outcome.failure().orElseThrow().error()).contains("no answer within PT10M");
    }

    @Test
    void noSuchModuleIsAFailureAndNothingAfterItRuns() throws InterruptedException {
        asterisk.withoutModule("res_pjsip.so");

        ReloadOutcome outcome = reloader(ReloadPolicy.defaults()).reload(List.of(EXTENSIONS, PJSIP, IAX));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.results()).extracting(ReloadResult::ok).containsExactly(true, false);
        assertThat(outcome.failure().orElseThrow().error()).isEqualTo("No such module 'res_pjsip.so'");
        assertThat(outcome.notRun()).containsExactly(IAX);
        assertThat(asterisk.reloads()).containsExactly("module reload pbx_config.so", "module reload res_pjsip.so");
        assertThat(outcome.unfinished()).isFalse();
    }

    @Test
    void permissionDeniedIsAFailureWithTheReason() throws InterruptedException {
        server.denyCommands();

        ReloadOutcome outcome = reloader(ReloadPolicy.defaults()).reload(List.of(PJSIP));

        assertThat(outcome.failure().orElseThrow().error()).contains("needs write=command");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void failureAnswersAndAnEmptyAnswerAreFailures() throws InterruptedException {
        for (String answer : List.of(
                "",
                "No such command 'module reload res_pjsip.so' (type 'core show help module reload' for other possible commands)",
                "The module 'res_pjsip.so' reported a reload failure",
                "The module 'res_pjsip.so' was not properly initialized. Before reloading the module, you must run ...",
                "The module 'res_pjsip.so' does not support reloads")) {
            ReloadOutcome outcome = reloaderOver(() -> new CommandOutput(answer)).reload(List.of(PJSIP));

            assertThat(outcome.ok()).as(answer).isFalse();
            assertThat(outcome.failure().orElseThrow().error()).isEqualTo(
                    answer.isEmpty() ? "empty answer to 'module reload res_pjsip.so'" : answer);
        }
    }

    @Test
    void queuedIsBusy() throws InterruptedException {
        Deque<String> answers = new ArrayDeque<>(List.of(
                "Asterisk cannot reload a module yet; request queued", "Module 'res_pjsip.so' reloaded successfully."));

        ReloadOutcome outcome = reloaderOver(() -> new CommandOutput(answers.pop())).reload(List.of(PJSIP));

        assertThat(outcome.ok()).isTrue();
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aTimeoutIsWaitedOutLikeBusy() throws InterruptedException {
        Deque<Supplier<CommandOutput>> answers = new ArrayDeque<>(List.of(
                () -> {
                    throw new AsteriskTimeoutException("no answer within PT10M");
                },
                () -> new CommandOutput(FakeAsterisk.BUSY),
                () -> new CommandOutput("Module 'res_pjsip.so' reloaded successfully.")));

        ReloadOutcome outcome = reloaderOver(() -> answers.pop().get()).reload(List.of(PJSIP));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.results().get(0).attempts()).isEqualTo(3);
    }

    @Test
    void aLostConnectionIsAFailure() throws InterruptedException {
        ReloadOutcome outcome = reloaderOver(() -> {
            throw new AsteriskConnectionException("AMI at 127.0.0.1:5038 failed while connecting: Connection refused");
        }).reload(List.of(PJSIP, IAX));

        assertThat(outcome.failure().orElseThrow().error()).contains("Connection refused");
        assertThat(outcome.notRun()).containsExactly(IAX);
    }

    private AsteriskReloader reloader(ReloadPolicy policy) {
        return new AsteriskReloader(runner, policy, time, time);
    }

    private AsteriskReloader reloaderOver(Supplier<CommandOutput> answers) {
        return new AsteriskReloader(command -> answers.get(), ReloadPolicy.defaults(), time, time);
    }
}
