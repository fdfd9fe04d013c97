package io.dialfleet.agent.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the agent last applied, kept outside the rendered files (which carry no revision, so that identical data
 * gives identical bytes): the revision, each file's hash and the live names the verifier expects.
 */
public record AgentState(long appliedRevision, Map<String, String> fileHashes, Map<String, Set<String>> liveNames) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<AgentState> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), AgentState.class));
        } catch (IOException e) {
            // An unreadable state only costs the next run its "removed names" check; the files are compared anyway.
            return Optional.empty();
        }
    }

    public void save(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the agent state to " + file, e);
        }
    }
}
