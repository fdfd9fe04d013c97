package io.dialfleet.agent.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts rendered files in place atomically (docs/spec/conf-generation.md, "Safety"): a temp file in the same directory,
 * fsync, rename over the live file — a crash leaves the old file or the new one, never a mix. The previous content
 * stays beside it as {@code <name>.prev}, which a rollback puts back.
 */
public final class ConfInstaller {

    private static final String PREVIOUS_SUFFIX = ".prev";

    private final Path directory;
    private final Optional<String> owner;
    private final Set<PosixFilePermission> mode;

    /** @param owner {@code user} or {@code user:group}, applied to every file written; empty keeps the agent's own */
    public ConfInstaller(Path directory, Optional<String> owner, String mode) {
        this.directory = directory;
        this.owner = owner;
        this.mode = PosixFilePermissions.fromString(mode);
    }

    /** Compares each rendered file (by name, in the given order) with the live one. */
    public List<FileChange> compare(Map<String, byte[]> rendered) {
        List<FileChange> changes = new ArrayList<>();
        for (var file : rendered.entrySet()) {
            Path path = directory.resolve(file.getKey());
            boolean existed = Files.exists(path);
            boolean changed = !existed || !Arrays.equals(read(path), file.getValue());
            changes.add(new FileChange(file.getKey(), path, file.getValue(), sha256(file.getValue()), changed, existed));
        }
        return changes;
    }

    /** Installs the changed files, keeping each one's previous content as {@code .prev}. */
    public void install(List<FileChange> changes) {
        for (FileChange change : changes) {
            if (!change.changed()) {
                continue;
            }
            if (change.existed()) {
                writeAtomically(previousOf(change.path()), read(change.path()));
            }
            writeAtomically(change.path(), change.content());
        }
    }

    /**
     * Puts back what was live before {@link #install}: the {@code .prev} content, or, where there was no file, the
     * empty file. A file is never deleted: an {@code #include} may already name it, and a missing include makes
     * Asterisk refuse the whole including file (docs/spec/asterisk-behaviour.md, "Includes that do not exist yet").
     *
     * @param empty the empty content of each file, by name ({@link EmptyIncludes})
     */
    public void restore(List<FileChange> changes, Map<String, byte[]> empty) {
        for (FileChange change : changes) {
            if (!change.changed()) {
                continue;
            }
            byte[] previous = change.existed() ? read(previousOf(change.path())) : empty.get(change.name());
            if (previous == null) {
                throw new IllegalArgumentException("no empty content for " + change.name());
            }
            writeAtomically(change.path(), previous);
        }
    }

    /**
     * Writes each file that does not exist yet, with the given content; existing files are left as they are.
     *
     * @return the names of the files written
     */
    public List<String> createMissing(Map<String, byte[]> files) {
        List<String> created = new ArrayList<>();
        for (var file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            if (!Files.exists(path)) {
                writeAtomically(path, file.getValue());
                created.add(file.getKey());
            }
        }
        return created;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Path previousOf(Path live) {
        return live.resolveSibling(live.getFileName() + PREVIOUS_SUFFIX);
    }

    private void writeAtomically(Path target, byte[] content) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            applyOwnership(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void applyOwnership(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setPermissions(mode);
        if (owner.isPresent()) {
            String[] parts = owner.get().split(":", 2);
            UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(parts[0]);
            view.setOwner(user);
            if (parts.length == 2) {
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(parts[1]);
                view.setGroup(group);
            }
        }
    }

    /** Makes the rename itself durable. */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
