package io.dialfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Local agents run with the container image's JVM options, so what deploy/local and the benchmarks show holds there. */
class ServiceKindTest {

    private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");

    @Test
    void theAgentsJvmOptionsAreTheImagesOnes() throws Exception {
        String dockerfile = Files.readString(LocalPaths.projectRoot().resolve("refresh-agent/src/main/docker/Dockerfile.jvm"));
        Matcher options = JAVA_OPTS.matcher(dockerfile);
        assertThat(options.find()).as("JAVA_OPTS in Dockerfile.jvm").isTrue();

        assertThat(ServiceKind.REFRESH_AGENT.jvmOptions()).containsExactlyElementsOf(
                Arrays.asList(options.group(1).trim().split("\\s+")));
    }
}
