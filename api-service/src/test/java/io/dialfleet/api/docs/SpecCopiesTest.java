package io.dialfleet.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The repository carries its own copy of the specifications its code cites ({@code docs/spec/}), so that a clone
 * explains itself. Where {@code shared/} sits beside the project, the copies must not have drifted from it.
 */
class SpecCopiesTest {

    private static final Path SHARED = Path.of("..", "..", "shared", "spec");
    private static final Path COPIES = Path.of("..", "docs", "spec");

    @Test
    void everySharedSpecIsCopiedUnchanged() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "no ../shared beside the project: nothing to compare");
        try (Stream<Path> originals = Files.list(SHARED)) {
            for (Path original : originals.filter(p -> p.toString().endsWith(".md")).toList()) {
                Path copy = COPIES.resolve(original.getFileName());
                assertThat(copy).as("docs/spec/%s is missing: copy shared/spec/%s", copy.getFileName(),
                        original.getFileName()).exists();
                assertThat(Files.readAllBytes(copy))
                        .as("docs/spec/%s differs from shared/spec/%s: copy it again", copy.getFileName(),
                                original.getFileName())
                        .isEqualTo(Files.readAllBytes(original));
            }
        }
    }
}
