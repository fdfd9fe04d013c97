package io.dialfleet.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.infra.EmbeddedKafka;
import io.dialfleet.infra.KafkaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, with the container image's JVM options, gets through a server of 20,000 phones — the limit
 * docs/operations.md promises — twice: the first run and one where every phone's secret changed.
 */
class AgentHeapIT {

    static final int DOCUMENTED_LIMIT = 20_000;
    private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");

    @TempDir
    Path work;

    @Test
    void theShippedHeapHoldsTheDocumentedNumberOfPhones() throws Exception {
        List<String> options = imageJvmOptions();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(KafkaOptions.defaults())) {
            AgentHeapProbe.Result result = AgentHeapProbe.run(Path.of("target/quarkus-app/quarkus-run.jar"), options,
                    DOCUMENTED_LIMIT, kafka.bootstrapServers(), work);

            System.out.printf("agent %s, %,d phones: %s, peak heap after GC %d MiB, %d ms%n", options,
                    DOCUMENTED_LIMIT, result.end(), result.peakAfterGcMiB(), result.millis());
            assertThat(result.end()).as("agent log: " + work.resolve("agent.log")).isEqualTo("APPLIED");
            assertThat(Files.readString(work.resolve("conf/dialfleet-pjsip.conf"))).contains("[cc119999]");
        }
    }

    private static List<String> imageJvmOptions() throws Exception {
        Matcher options = JAVA_OPTS.matcher(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
        assertThat(options.find()).isTrue();
        return Arrays.asList(options.group(1).trim().split("\\s+"));
    }
}
