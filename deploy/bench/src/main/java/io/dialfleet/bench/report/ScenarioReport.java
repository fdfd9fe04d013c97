package io.dialfleet.bench.report;

import io.dialfleet.bench.Scenario;
import java.util.List;

/**
 * What one scenario found.
 *
 * @param context lines that say how it was measured (sizes, load model, what ran)
 * @param tables  the figures
 * @param notes   where the figures stand against the targets, and caveats
 * @param results the same figures, structured, for the JSON file
 */
public record ScenarioReport(Scenario scenario, List<String> context, List<Table> tables, List<String> notes,
        Object results) {

    public ScenarioReport {
        context = List.copyOf(context);
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }
}
