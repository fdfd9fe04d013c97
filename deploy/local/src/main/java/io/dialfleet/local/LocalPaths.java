package io.dialfleet.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the packaged services are, relative to the project's root. */
public final class LocalPaths {

    private LocalPaths() {
    }

    /** The project root: {@code dialfleet.project.root}, else the nearest directory above with an {@code mvnw}. */
    public static Path projectRoot() {
        String configured = System.getProperty("dialfleet.project.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("cannot find the dialfleet project root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
        }
        return directory;
    }
}
