package io.dialfleet.agent.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The bytes of one rendered file (UTF-8, LF line endings). Not a record: the content carries phone secrets, so it is
 * kept out of {@link #toString()}, and the array is never handed out for writing.
 */
public final class RenderedFile {

    private final ConfFile file;
    private final byte[] content;

    /** Takes ownership of {@code content}. */
    RenderedFile(ConfFile file, byte[] content) {
        this.file = Objects.requireNonNull(file);
        this.content = Objects.requireNonNull(content);
    }

    public ConfFile file() {
        return file;
    }

    /** A copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** The content as text. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public int size() {
        return content.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    /** Lower-case hex SHA-256 of the bytes, as the status event's {@code files[].sha256} carries it. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether the bytes equal {@code other} (e.g. the live file), without copying. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(content, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedFile that && file == that.file && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * file.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "RenderedFile[" + file + ", " + content.length + " bytes]";
    }
}
