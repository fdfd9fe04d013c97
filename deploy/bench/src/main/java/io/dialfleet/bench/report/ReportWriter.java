package io.dialfleet.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each scenario's report as Markdown (stdout, and appended to {@code --out}) and as JSON
 * ({@code <json-dir>/<scenario>-<UTC time>.json}).
 */
public final class ReportWriter {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final RunHeader header;
    private final Optional<Path> markdownFile;
    private final Path jsonDirectory;

    public ReportWriter(RunHeader header, Optional<Path> markdownFile, Path jsonDirectory) {
        this.header = header;
        this.markdownFile = markdownFile;
        this.jsonDirectory = jsonDirectory;
    }

    /** @return the JSON file written */
    public Path write(ScenarioReport report) {
        String markdown = markdown(report);
        System.out.println();
        System.out.println(markdown);
        markdownFile.ifPresent(file -> append(file, markdown));
        return writeJson(report);
    }

    String markdown(ScenarioReport report) {
        StringBuilder text = new StringBuilder();
        text.append("## ").append(report.scenario().title()).append(" — ").append(MINUTE.format(header.startedAt()))
                .append("\n\n");
        text.append("- Commit `").append(header.machine().commitText()).append("`; reproduce with `")
                .append(header.command()).append("`\n");
        text.append("- Machine: ").append(header.machine().summary()).append('\n');
        text.append("- ").append(header.postgres()).append('\n');
        text.append("- Stack: ").append(header.stack()).append('\n');
        report.context().forEach(line -> text.append("- ").append(line).append('\n'));
        text.append('\n');
        for (Table table : report.tables()) {
            text.append(table.markdown()).append('\n');
        }
        report.notes().forEach(note -> text.append(note).append("\n\n"));
        return text.toString();
    }

    private static void append(Path file, String markdown) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            String text = fresh ? "# dialfleet benchmarks\n\nWritten by `deploy/bench` (see deploy/bench/README.md); "
                    + "each section is one run, newest last.\n\n" + markdown : "\n" + markdown;
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private Path writeJson(ScenarioReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", report.scenario().command());
        document.put("title", report.scenario().title());
        document.put("startedAt", header.startedAt());
        document.put("commit", header.machine().commit());
        document.put("uncommittedChanges", header.machine().dirty());
        document.put("command", header.command());
        document.put("seed", header.seed());
        document.put("machine", header.machine());
        document.put("postgres", header.postgresSettings());
        document.put("stack", header.stack());
        document.put("context", report.context());
        document.put("tables", report.tables());
        document.put("notes", report.notes());
        document.put("results", report.results());
        Path file = jsonDirectory.resolve(report.scenario().command() + "-" + FILE_TIME.format(header.startedAt())
                + ".json");
        try {
            Files.createDirectories(jsonDirectory);
            JSON.writeValue(file.toFile(), document);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
