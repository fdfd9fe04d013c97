package io.dialfleet.realasterisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the installed prefix of one Asterisk line by running {@code deploy/asterisk/build <line>}: a no-op printing
 * the prefix when the build is cached, a build of a few minutes otherwise. The script reads
 * {@code DIALFLEET_ASTERISK_SOURCES} and {@code DIALFLEET_ASTERISK_CACHE} from the environment it inherits.
 */
final class AsteriskBuild {

    /** The script's answer when the sources are not there (a user's clone has no {@code ../shared}). */
    private static final int NO_SOURCES = 3;
    /** The script's answer when Debian build packages are missing and it may not install them. */
    private static final int NO_PACKAGES = 4;
    private static final String SCRIPT = "deploy/asterisk/build";
    private static final Map<AsteriskLine, Path> PREFIXES = new ConcurrentHashMap<>();

    private AsteriskBuild() {
    }

    /** The prefix holding {@code sbin/asterisk}, built once per JVM and line. */
    static Path prefix(AsteriskLine line) throws AsteriskUnavailable {
        Path known = PREFIXES.get(line);
        if (known != null) {
            return known;
        }
        Path prefix = run(line);
        PREFIXES.put(line, prefix);
        return prefix;
    }

    private static Path run(AsteriskLine line) throws AsteriskUnavailable {
        Path script = findScript(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new AsteriskUnavailable("no " + SCRIPT + " in " + Path.of("").toAbsolutePath()
                        + " or a folder above it"));
        Process process;
        try {
            process = new ProcessBuilder(script.toString(), line.buildName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new AsteriskUnavailable("cannot run " + script + ": " + e.getMessage());
        }
        String output;
        int status;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            status = process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("reading " + script + "'s output failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while " + script + " ran", e);
        }
        if (status == NO_SOURCES || status == NO_PACKAGES) {
            throw new AsteriskUnavailable(output.isEmpty() ? SCRIPT + " exited " + status : output);
        }
        if (status != 0) {
            throw new IllegalStateException(SCRIPT + " " + line.buildName() + " failed (exit " + status + "): " + output);
        }
        return prefixIn(output, line);
    }

    private static Path prefixIn(String output, AsteriskLine line) throws AsteriskUnavailable {
        for (String row : output.split("\n")) {
            String[] words = row.strip().split(" ", 2);
            if (words.length == 2 && words[0].equals(line.buildName())) {
                Path prefix = Path.of(words[1]);
                if (!Files.isExecutable(prefix.resolve("sbin/asterisk"))) {
                    throw new AsteriskUnavailable("no Asterisk binary at " + prefix.resolve("sbin/asterisk"));
                }
                return prefix;
            }
        }
        throw new IllegalStateException(SCRIPT + " printed no line for " + line.buildName() + ": " + output);
    }

    private static Optional<Path> findScript(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
