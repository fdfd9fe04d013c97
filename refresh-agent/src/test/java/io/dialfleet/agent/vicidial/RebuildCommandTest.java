package io.dialfleet.agent.vicidial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's rebuild command, run for real from scripts this test writes. */
class RebuildCommandTest {

    @TempDir
    Path work;

    @Test
    void itsArgumentsArePassedAsTheyAreWithoutAShell() throws Exception {
        Path seen = work.resolve("seen");
        Path script = script("printf '%s|' \"$@\" > '" + seen + "'");

        RebuildResult result = new RebuildCommand(List.of(script.toString(), "a b", "$HOME", "x;y"),
                Duration.ofSeconds(20)).run();

        assertThat(result.ok()).isTrue();
        assertThat(result.ending()).isEqualTo("exit 0");
        assertThat(Files.readString(seen)).isEqualTo("a b|$HOME|x;y|");
    }

    @Test
    void onlyTheLastLineOfItsOutputIsKeptPrintableAndCutShort() throws Exception {
        Path script = script("echo 'secret=SomethingNotToLog'; printf 'boom\\033[2J %0300d\\n\\n' 7; exit 4");

        RebuildResult result = new RebuildCommand(List.of(script.toString()), Duration.ofSeconds(20)).run();

        assertThat(result.ok()).isFalse();
        assertThat(result.describe()).isEqualTo("rebuild command vicidial-rebuild: exit 4");
        assertThat(result.lastLine()).startsWith("boom?[2J 000").endsWith("…").hasSize(161)
                .doesNotContain("SomethingNotToLog");
        assertThat(result.toString()).doesNotContain("SomethingNotToLog");
    }

    @Test
    void aProgramThatCannotStartIsReportedNotThrown() throws Exception {
        RebuildResult result = new RebuildCommand(List.of(work.resolve("missing").toString()),
                Duration.ofSeconds(5)).run();

        assertThat(result.ok()).isFalse();
        assertThat(result.program()).isEqualTo("missing");
        assertThat(result.ending()).startsWith("could not start");
    }

    @Test
    void stoppingTheAgentKillsTheCommandAndItsChildren() throws Exception {
        Path pid = work.resolve("pid");
        Path script = script("sleep 60 & echo $! > '" + pid + "'; wait");
        RebuildCommand command = new RebuildCommand(List.of(script.toString()), Duration.ofMinutes(5));
        Thread runThread = new Thread(() -> {
            try {
                command.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runThread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            assertThat(System.nanoTime()).as("the script started").isLessThan(deadline);
            Thread.sleep(20);
        }
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();

        runThread.interrupt();
        runThread.join(10_000);

        assertThat(runThread.isAlive()).isFalse();
        CompletableFuture<ProcessHandle> gone = child.onExit();
        assertThat(gone.get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    private Path script(String body) throws Exception {
        Path script = work.resolve("vicidial-rebuild");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
