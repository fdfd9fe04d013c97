package io.dialfleet.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One Markdown table of a report: a caption, the column headers and the rows, all text. */
public record Table(String caption, List<String> headers, List<List<String>> rows) {

    public Table {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    public static Table of(String caption, String... headers) {
        return new Table(caption, List.of(headers), List.of());
    }

    public Table withRow(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of '" + caption + "' has " + headers.size() + " cells, not "
                    + cells.length);
        }
        List<List<String>> grown = new ArrayList<>(rows);
        grown.add(Arrays.stream(cells).map(String::valueOf).toList());
        return new Table(caption, headers, grown);
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        if (!caption.isEmpty()) {
            text.append("**").append(caption).append("**\n\n");
        }
        text.append("| ").append(String.join(" | ", headers)).append(" |\n");
        text.append("|").append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row.stream().map(cell -> cell.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return text.toString();
    }
}
