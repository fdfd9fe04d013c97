package io.dialfleet.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project keeps its own copy of the conformance vectors and fixture, so that a clone without {@code ../shared}
 * still passes its tests. Where {@code shared/} sits beside the project, the copies must not have drifted from it.
 */
class ConformanceCopiesTest {

    private static final Path SHARED = Path.of("..", "..", "shared", "conformance");

    @ParameterizedTest
    @ValueSource(strings = {"vectors.json", "fixture.json"})
    void copyMatchesShared(String file) throws IOException {
        Path original = SHARED.resolve(file);
        Assumptions.assumeTrue(Files.exists(original), "no ../shared beside the project: nothing to compare");
        try (InputStream copy = getClass().getClassLoader().getResourceAsStream("conformance/" + file)) {
            assertThat(copy).as("test resource conformance/%s", file).isNotNull();
            assertThat(copy.readAllBytes())
                    .as("api-service/src/test/resources/conformance/%s differs from shared/conformance/%s: copy it again",
                            file, file)
                    .isEqualTo(Files.readAllBytes(original));
        }
    }
}
