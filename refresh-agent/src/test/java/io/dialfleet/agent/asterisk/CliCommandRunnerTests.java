package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.agent.render.ConfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake {@code asterisk} script that records its arguments and prints canned output. */
@DisabledOnOs(OS.WINDOWS)
class CliCommandRunnerTests {

    @TempDir
    Path dir;

    private Path asterisk;

    @BeforeEach
    void writeFakeAsterisk() throws IOException {
        asterisk = dir.resolve("asterisk");
        // One argument per line, so a command passed as one argument shows as one line.
        Files.writeString(asterisk, """
                #!/bin/sh
                printf '%s\\n' "$@" > "$(dirname "$0")/args.txt"
                [ -f "$(dirname "$0")/sleep.txt" ] && sleep "$(cat "$(dirname "$0")/sleep.txt")"
                [ -f "$(dirname "$0")/output.txt" ] && cat "$(dirname "$0")/output.txt"
                [ -f "$(dirname "$0")/stderr.txt" ] && cat "$(dirname "$0")/stderr.txt" >&2 && exit 1
                exit 0
                """);
        Files.setPosixFilePermissions(asterisk, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void passesTheCommandAsOneArgumentAndReturnsStdout() throws IOException {
        Files.writeString(dir.resolve("output.txt"), "Module 'res_pjsip.so' reloaded successfully.\n");

        CommandOutput output = new CliCommandRunner(asterisk).run(AsteriskCommand.reload(ConfFile.PJSIP));

        assertThat(output.text()).isEqualTo("Module 'res_pjsip.so' reloaded successfully.\n");
        assertThat(Files.readAllLines(dir.resolve("args.txt"))).containsExactly("-rx", "module reload res_pjsip.so");
    }

    @Test
    void asterisksNoticeAboutTheGlobalEidIsNotPartOfTheAnswer() throws IOException {
        // What asterisk -rx printed on a host with only a loopback interface (docs/spec/asterisk-behaviour.md).
        Files.writeString(dir.resolve("output.txt"), CliCommandRunner.NO_EID_NOTICE + "\n"
                + "Module 'chan_sip.so' reloaded successfully.\n");

        CommandOutput output = new CliCommandRunner(asterisk).run(AsteriskCommand.reload(ConfFile.SIP));

        assertThat(output.text()).isEqualTo("Module 'chan_sip.so' reloaded successfully.\n");
        assertThat(ReloadAnswer.of(output.text().strip())).isEqualTo(ReloadAnswer.RELOADED);
    }

    @Test
    void theNoticeAloneIsAnEmptyAnswer() throws IOException {
        Files.writeString(dir.resolve("output.txt"), CliCommandRunner.NO_EID_NOTICE + "\n");

        assertThat(new CliCommandRunner(asterisk).run(AsteriskCommand.reload(ConfFile.IAX)).isBlank())
                .isTrue();
    }

    @Test
    void theAccessCheckNamesABinaryThatCannotBeRun() {
        new CliCommandRunner(asterisk).checkAccess();

        assertThatThrownBy(() -> new CliCommandRunner(dir.resolve("no-such-asterisk")).checkAccess())
                .isInstanceOf(AsteriskConnectionException.class)
                .hasMessageContaining("no-such-asterisk")
                .hasMessageContaining("not an executable file");
    }

    @Test
    void anEmptyAnswerIsReturnedAsEmpty() {
        CommandOutput output = new CliCommandRunner(asterisk).run(AsteriskCommand.reload(ConfFile.IAX));

        assertThat(output.isBlank()).isTrue();
    }

    @Test
    void anEmptyAnswerAfterAsteriskRxGaveUpIsATimeout() {
        CliCommandRunner runner = new CliCommandRunner(asterisk, Duration.ofSeconds(10), Duration.ZERO);

        assertThatThrownBy(() -> runner.run(AsteriskCommand.reload(ConfFile.PJSIP)))
                .isInstanceOf(AsteriskTimeoutException.class)
                .hasMessageContaining("may still be running");
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws IOException {
        Files.writeString(dir.resolve("sleep.txt"), "5");
        CliCommandRunner runner = new CliCommandRunner(asterisk, Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run(AsteriskCommand.reload(ConfFile.PJSIP)))
                .isInstanceOf(AsteriskTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aNonZeroExitIsAConnectionErrorWithStderr() throws IOException {
        Files.writeString(dir.resolve("stderr.txt"),
                "Unable to connect to remote asterisk (does /var/run/asterisk/asterisk.ctl exist?)\n");

        assertThatThrownBy(() -> new CliCommandRunner(asterisk).run(AsteriskCommand.Show.IAX2_PEERS))
                .isInstanceOf(AsteriskConnectionException.class)
                .hasMessageContaining("status 1")
                .hasMessageContaining("Unable to connect to remote asterisk");
    }

    @Test
    void aMissingBinaryIsAConnectionError() {
        CliCommandRunner runner = new CliCommandRunner(dir.resolve("no-such-asterisk"));

        assertThatThrownBy(() -> runner.run(AsteriskCommand.Show.IAX2_PEERS))
                .isInstanceOf(AsteriskConnectionException.class)
                .hasMessageContaining("could not run");
    }
}
