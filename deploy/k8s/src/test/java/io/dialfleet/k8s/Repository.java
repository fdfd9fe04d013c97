package io.dialfleet.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository this module checks. */
final class Repository {

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE = ROOT.resolve("deploy/compose");

    private Repository() {
    }

    private static Path findRoot() {
        String configured = System.getProperty("dialfleet.project.root");
        Path start = (configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/k8s/kustomization.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/k8s/kustomization.yaml above " + start);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
