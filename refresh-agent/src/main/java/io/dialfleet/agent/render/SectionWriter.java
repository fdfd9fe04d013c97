package io.dialfleet.agent.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One include file as it is written: what every file shares ({@link PeerConfigRenderer}, "Layout of every file").
 * It starts with the header line; each section is preceded by the one blank line that separates it from what comes
 * before; the names of the sections kept are recorded; and the lines of a phone that turns out not to be writable
 * are taken back. The file's own writer appends the lines of each section.
 */
final class SectionWriter {

    private final ConfFile file;
    private final StringBuilder out;
    private final int headerLength;
    private final List<String> names = new ArrayList<>();
    private final Set<String> foldedNames = new HashSet<>();

    /** @param expectedBytes the size the content will likely reach: a 10,000-phone file must not grow repeatedly */
    SectionWriter(ConfFile file, String header, int expectedBytes) {
        this.file = file;
        this.headerLength = header.length();
        this.out = new StringBuilder(headerLength + 64 + expectedBytes).append(header);
    }

    ConfFile file() {
        return file;
    }

    /** Where the file's writer appends its lines. */
    StringBuilder out() {
        return out;
    }

    /** The current end, to {@link #reset} to if the phone being written is left out. */
    int mark() {
        return out.length();
    }

    void reset(int mark) {
        out.setLength(mark);
    }

    /** The blank line that separates the section from what precedes it, and its {@code [name]} line. */
    void openSection(String name) {
        out.append('\n').append('[').append(name).append("]\n");
    }

    /** The section opened at {@code mark}, from its {@code [name]} line: what Asterisk reads as the section. */
    CharSequence sectionFrom(int mark) {
        // The character at mark is the separating LF.
        return out.subSequence(mark + 1, out.length());
    }

    /** For a file without sections: the blank line after the header, before its first line. */
    void separateFromHeader() {
        if (out.length() == headerLength) {
            out.append('\n');
        }
    }

    /** Whether a section of this name was kept, compared ignoring case. */
    boolean hasSection(String name) {
        return foldedNames.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Records a section as kept. */
    void keep(String name) {
        names.add(name);
        foldedNames.add(name.toLowerCase(Locale.ROOT));
    }

    /** The sections kept, in file order. */
    List<String> names() {
        return names;
    }

    RenderedFile rendered() {
        return new RenderedFile(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
