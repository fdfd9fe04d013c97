package io.dialfleet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark scenarios of issue 5, in the order {@code all} runs them. */
public enum Scenario {
    API("api", "API write throughput and latency"),
    REFRESH("refresh", "Refresh latency across a fleet"),
    BULK("bulk", "Bulk provisioning"),
    RENDER("render", "Renderer and agent memory");

    private final String command;
    private final String title;

    Scenario(String command, String title) {
        this.command = command;
        this.title = title;
    }

    public String command() {
        return command;
    }

    public String title() {
        return title;
    }

    /** {@code api}, {@code refresh}, {@code bulk}, {@code render}, or {@code all} for every one. */
    static List<Scenario> parse(String command) {
        if (command.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(values())
                .filter(scenario -> scenario.command.equals(command.toLowerCase(Locale.ROOT)))
                .findFirst()
                .map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + command
                        + ": api, refresh, bulk, render or all (deploy/bench/bench --help)"));
    }
}
