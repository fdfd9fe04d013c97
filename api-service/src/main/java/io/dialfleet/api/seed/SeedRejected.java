package io.dialfleet.api.seed;

import java.util.List;

/**
 * A seed document, or a request to import one, that cannot be applied; nothing was imported. The problems name
 * tables, rows, columns and natural keys, never a value: a document carries passwords.
 */
public class SeedRejected extends RuntimeException {

    private final List<String> problems;

    public SeedRejected(String problem) {
        this(List.of(problem));
    }

    public SeedRejected(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
