package io.dialfleet.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every place in the repository that cites a specification section ({@code docs/spec/non-agent-api.md §4.2},
 * {@code docs/spec/conf-generation.md, "Safety"}) must name a file of {@code docs/spec/} and a section that file has,
 * so that a reader of a clone can follow it. Citing the specs outside the repository ({@code docs/spec/}) or by a
 * bare file name is refused for the same reason.
 */
class SpecReferencesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path SPECS = ROOT.resolve("docs").resolve("spec");
    /** These tests name the outside location themselves, to refuse it. */
    private static final Path OWN_PACKAGE = Path.of("api-service", "src", "test", "java", "io", "dialfleet", "api", "docs");
    private static final Set<String> TEXT_SUFFIXES = Set.of(".java", ".md", ".yaml", ".yml", ".sql", ".properties");
    private static final Pattern CITATION = Pattern.compile(
            "docs/spec/([a-z-]+\\.md)((?:[,;]? *§ ?\\d+(?:\\.\\d+)?)*)(?:,? *\"([^\"]+)\")?");
    private static final Pattern SECTION = Pattern.compile("§ ?(\\d+(?:\\.\\d+)?)");
    /** A quoted anchor may wrap onto the next comment line. */
    private static final Pattern ACROSS_LINES = Pattern.compile("\\s*\\R\\s*(?:\\*|//|#)?\\s*");
    private static final Pattern BARE = Pattern.compile(
            "(?<![\\w/.-])(?:shared/)?(?:spec/)?(non-agent-api|conf-generation|asterisk-behaviour|seed-format)\\.md");

    @Test
    void everyCitedSectionExistsInTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : citingFiles()) {
            String text = Files.readString(file);
            Matcher citation = CITATION.matcher(text);
            while (citation.find()) {
                Path spec = SPECS.resolve(citation.group(1));
                String where = ROOT.relativize(file) + ": " + citation.group();
                if (!Files.exists(spec)) {
                    broken.add(where + " (no such file in docs/spec)");
                    continue;
                }
                List<String> lines = Files.readAllLines(spec);
                Matcher section = SECTION.matcher(citation.group(2));
                while (section.find()) {
                    if (!hasNumberedHeading(lines, section.group(1))) {
                        broken.add(where + " (no section " + section.group(1) + ")");
                    }
                }
                String anchor = citation.group(3) == null ? null : ACROSS_LINES.matcher(citation.group(3)).replaceAll(" ");
                if (anchor != null && !hasAnchor(lines, anchor)) {
                    broken.add(where + " (no heading or paragraph \"" + anchor + "\")");
                }
            }
        }
        assertThat(broken).as("spec citations that do not resolve inside the repository").isEmpty();
    }

    @Test
    void specsAreCitedByTheirPathInTheRepository() throws IOException {
        List<String> bare = new ArrayList<>();
        for (Path file : citingFiles()) {
            String text = Files.readString(file);
            Matcher reference = BARE.matcher(text);
            while (reference.find()) {
                boolean relativeLinkInDocs = file.getParent().endsWith("docs") && reference.group().startsWith("spec/");
                if (!relativeLinkInDocs) {
                    bare.add(ROOT.relativize(file) + ": " + reference.group());
                }
            }
            if (text.contains("shared/spec/")) {
                bare.add(ROOT.relativize(file) + ": shared/spec/ (outside the repository)");
            }
        }
        assertThat(bare).as("cite specs as docs/spec/<file>.md").isEmpty();
    }

    private static boolean hasNumberedHeading(List<String> lines, String number) {
        Pattern heading = Pattern.compile("^#+ " + Pattern.quote(number) + "[. ]");
        return lines.stream().anyMatch(line -> heading.matcher(line).find());
    }

    /** A quoted anchor is a heading, a bold run-in ({@code **Includes that do not exist yet**}) or a lead-in line. */
    private static boolean hasAnchor(List<String> lines, String anchor) {
        return lines.stream().anyMatch(line -> line.replaceFirst("^#+ ", "").startsWith(anchor)
                || line.replaceFirst("^- ", "").startsWith("**" + anchor));
    }

    private static List<Path> citingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(SpecReferencesTest::isText)
                    .filter(path -> !isExcluded(ROOT.relativize(path)))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isText(Path path) {
        String name = path.getFileName().toString();
        return TEXT_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static boolean isExcluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.startsWith(".") && !name.equals("..") || name.equals("node_modules")) {
                return true;
            }
        }
        return relative.startsWith(Path.of("docs", "spec")) || relative.startsWith(OWN_PACKAGE);
    }
}
