package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local/run}'s build decision, on a copy of the script in a tree of its own: a stand-in {@code mvnw}
 * records each build and writes the artifacts, a stand-in {@code java} records the start. The run builds when an
 * artifact is missing or a source is newer than what it would run (as after a {@code git pull}), and otherwise
 * starts at once.
 */
class LocalRunBuildTest {

    private static final Path SCRIPT = Path.of("run").toAbsolutePath();
    private static final List<String> ARTIFACTS = List.of("api-service/target/quarkus-app/quarkus-run.jar",
            "refresh-agent/target/quarkus-app/quarkus-run.jar", "deploy/local/target/classpath.txt",
            "deploy/local/target/classes/io/dialfleet/local/LocalRun.class");

    @TempDir
    Path tree;

    private Path builds;
    private Path starts;

    @BeforeEach
    void projectTree() throws IOException {
        Files.createDirectories(tree.resolve("deploy/local"));
        Files.copy(SCRIPT, tree.resolve("deploy/local/run"));
        executable(tree.resolve("deploy/local/run"));
        builds = tree.resolve("builds.log");
        starts = tree.resolve("starts.log");
        for (String source : List.of("pom.xml", "common/events/pom.xml", "common/events/src/main/java/Event.java",
                "api-service/pom.xml", "api-service/src/main/java/Api.java", "refresh-agent/pom.xml",
                "refresh-agent/src/main/java/Agent.java", "deploy/local/pom.xml",
                "deploy/local/src/main/java/LocalRun.java")) {
            write(tree.resolve(source), "source");
            Files.setLastModifiedTime(tree.resolve(source), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        StringBuilder mvnw = new StringBuilder("#!/bin/sh\necho \"$*\" >> " + builds + "\n");
        for (String artifact : ARTIFACTS) {
            mvnw.append("mkdir -p \"$(dirname ").append(artifact).append(")\"; echo built > ").append(artifact)
                    .append('\n');
        }
        write(tree.resolve("mvnw"), mvnw.toString());
        executable(tree.resolve("mvnw"));
        write(tree.resolve("jdk/bin/java"), "#!/bin/sh\necho \"$*\" >> " + starts + "\n");
        executable(tree.resolve("jdk/bin/java"));
    }

    @Test
    void buildsWhatIsMissingThenStartsWithoutBuildingUntilASourceIsNewer() throws Exception {
        assertThat(run()).contains("building dialfleet (api-service/target/quarkus-app/quarkus-run.jar is missing");
        assertThat(lines(builds)).containsExactly("-B -q package -DskipTests -pl deploy/local -am");
        assertThat(lines(starts)).hasSize(1).allMatch(line -> line.endsWith("io.dialfleet.local.LocalRun --no-agents"));

        long started = System.nanoTime();
        assertThat(run()).doesNotContain("building");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a start with nothing to build")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(lines(builds)).hasSize(1);
        assertThat(lines(starts)).hasSize(2);

        // What a git pull does: the changed file gets the pull's time, newer than the jars.
        Files.setLastModifiedTime(tree.resolve("api-service/src/main/java/Api.java"),
                FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
        assertThat(run()).contains("building dialfleet (api-service/src/main/java/Api.java is newer than");
        assertThat(lines(builds)).hasSize(2);
        assertThat(lines(starts)).hasSize(3);
    }

    @Test
    void aNewerParentPomOrCommonModuleRebuildsAndANewerFileUnderTargetDoesNot() throws Exception {
        run();
        write(tree.resolve("api-service/target/generated/Newer.java"), "output");
        Files.setLastModifiedTime(tree.resolve("api-service/target/generated/Newer.java"),
                FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
        assertThat(run()).doesNotContain("building");

        for (String source : List.of("pom.xml", "common/events/src/main/java/Event.java")) {
            Files.setLastModifiedTime(tree.resolve(source), FileTime.from(Instant.now().plus(Duration.ofMinutes(2))));
            assertThat(run()).contains("building dialfleet (" + source + " is newer than");
            Files.setLastModifiedTime(tree.resolve(source), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        assertThat(lines(builds)).hasSize(3);
    }

    /** The script's output; its stand-ins make it end at once. */
    private String run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(tree.resolve("deploy/local/run").toString(), "--no-agents")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", tree.resolve("jdk").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // Artifacts written in the same second as the next change must still look older to find -newer.
        for (String artifact : ARTIFACTS) {
            Path path = tree.resolve(artifact);
            if (Files.exists(path)) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofMinutes(30))));
            }
        }
        return output;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
