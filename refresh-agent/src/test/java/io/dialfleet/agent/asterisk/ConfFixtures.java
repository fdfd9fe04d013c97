package io.dialfleet.agent.asterisk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The five-phone conf set under {@code src/test/resources/asterisk/five-phones}: PJSIP cc101–cc105, IAX2
 * cc201–cc203, their extensions in [dialfleet-phones] and their mailboxes; and what Asterisk must show for it.
 */
final class ConfFixtures {

    static final List<String> ENDPOINTS = List.of("cc101", "cc102", "cc103", "cc104", "cc105");
    static final List<String> IAX_PEERS = List.of("cc201", "cc202", "cc203");
    static final List<String> EXTENSIONS = List.of("201", "202", "203", "101", "102", "103", "104", "105");

    private ConfFixtures() {
    }

    /** Copies the five files into {@code dir}. */
    static Path fivePhones(Path dir) throws IOException {
        URL url = ConfFixtures.class.getClassLoader().getResource("asterisk/five-phones");
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    /** Everything the five-phone set renders, every kind checked. */
    static ExpectedLiveState expectedFivePhones() {
        return ExpectedLiveState.none()
                .with(LiveKind.PJSIP_ENDPOINTS, ENDPOINTS)
                .with(LiveKind.IAX2_PEERS, IAX_PEERS)
                .with(LiveKind.DIALPLAN_EXTENSIONS, EXTENSIONS)
                .with(LiveKind.VOICEMAIL_BOXES, EXTENSIONS);
    }

    /** Replaces the first {@code from} in {@code file} with {@code to}. */
    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " has no " + from);
        }
        Files.writeString(file, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    /** Drops the section {@code [name]} (up to the next blank line) from {@code file}. */
    static void removeSection(Path file, String name) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("\n[" + name + "]\n");
        if (start < 0) {
            throw new IllegalArgumentException(file + " has no [" + name + "]");
        }
        int end = text.indexOf("\n\n", start + 1);
        Files.writeString(file, text.substring(0, start) + (end < 0 ? "\n" : text.substring(end)));
    }
}
