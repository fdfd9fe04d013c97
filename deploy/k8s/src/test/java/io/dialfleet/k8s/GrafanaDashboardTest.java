package io.dialfleet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/dialfleet.json imports as is (its one data source is the {@code DS_PROMETHEUS} input Grafana asks
 * for) and graphs exactly the series docs/operations.md lists under "Metrics".
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Repository.ROOT.resolve("deploy/grafana/dialfleet.json");
    private static final Pattern SERIES = Pattern.compile("dialfleet_[a-z_]+");
    /** What Prometheus appends to a timer's or counter's name; the docs list the base name of a histogram. */
    private static final Pattern SUFFIX = Pattern.compile("_(count|sum|bucket|max)$");

    private static JsonNode dashboard;

    @BeforeAll
    static void load() throws Exception {
        dashboard = new ObjectMapper().readTree(Repository.read(DASHBOARD));
    }

    @Test
    void itsOnlyDataSourceIsThePrometheusInputGrafanaAsksForOnImport() {
        assertThat(dashboard.path("__inputs")).hasSize(1);
        JsonNode input = dashboard.path("__inputs").get(0);
        assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.path("type").asText()).isEqualTo("datasource");
        assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        assertThat(dashboard.path("id").isNull()).as("no id of the exporting Grafana").isTrue();

        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            String where = "panel '" + panel.path("title").asText() + "'";
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(where + ": id " + panel.path("id").asInt() + " used twice");
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            checkDataSource(problems, where, panel.path("datasource"));
            if (panel.path("targets").isEmpty()) {
                problems.add(where + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                checkDataSource(problems, where + " query " + target.path("refId").asText(), target.path("datasource"));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            checkDataSource(problems, "variable " + variable.path("name").asText(), variable.path("datasource"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void itGraphsEverySeriesTheOperationsGuideListsAndNoOther() {
        Set<String> graphed = new TreeSet<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                Matcher series = SERIES.matcher(target.path("expr").asText());
                while (series.find()) {
                    graphed.add(SUFFIX.matcher(series.group()).replaceFirst(""));
                }
            }
        }
        assertThat(graphed).isEqualTo(documentedSeries());
    }

    /** The first column of the table under "### Metrics" in docs/operations.md. */
    private static Set<String> documentedSeries() {
        String guide = Repository.read(Repository.ROOT.resolve("docs/operations.md"));
        String section = guide.substring(guide.indexOf("### Metrics"));
        section = section.substring(0, section.indexOf("\n### ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(dialfleet_[a-z_]+)`").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).as("series in docs/operations.md").isNotEmpty();
        return documented;
    }

    private static void checkDataSource(List<String> problems, String where, JsonNode dataSource) {
        if (!"${DS_PROMETHEUS}".equals(dataSource.path("uid").asText())) {
            problems.add(where + ": data source " + dataSource + ", not the DS_PROMETHEUS input");
        }
    }

    private static List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }
}
