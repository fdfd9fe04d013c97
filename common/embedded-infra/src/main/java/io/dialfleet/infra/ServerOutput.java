package io.dialfleet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file that collects a native server's console output, read back when something went wrong. */
final class ServerOutput {

    /** Enough to show why initdb or the server stopped, not a whole log. */
    private static final int TAIL_CHARACTERS = 4000;

    private ServerOutput() {
    }

    static Path createFile(String prefix) {
        try {
            Path file = Files.createTempFile(prefix, ".log");
            file.toFile().deleteOnExit(); // when only the server's own shutdown hook stops it
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file for the server's output", e);
        }
    }

    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() <= TAIL_CHARACTERS ? text : "..." + text.substring(text.length() - TAIL_CHARACTERS);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String readAndDelete(Path file) {
        String text = tail(file);
        file.toFile().delete();
        return text;
    }
}
