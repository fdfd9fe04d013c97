package io.dialfleet.agent.install;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 *
 * @param unverified the files ({@code ConfFile} names) installed but not yet reloaded and checked: written before an
 *                   install, emptied once the check passed. A state file of an older agent has none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentState(long appliedRevision, Map<String, String> fileHashes, Map<String, Set<String>> liveNames,
        Set<String> unverified) {

    /** Before the first run: nothing applied, nothing pending. */
    public static final AgentState NONE = new AgentState(0, Map.of(), Map.of(), Set.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public AgentState {
        fileHashes = fileHashes == null ? Map.of() : Map.copyOf(fileHashes);
        liveNames = liveNames == null ? Map.of() : Map.copyOf(liveNames);
        unverified = unverified == null ? Set.of() : Set.copyOf(unverified);
    }

    /** This state with other unverified files. */
    public AgentState withUnverified(Set<String> files) {
        return new AgentState(appliedRevision, fileHashes, liveNames, files);
    }

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
