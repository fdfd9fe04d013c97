package io.dialfleet.api.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /q/metrics}, as Prometheus reads it: samples by name and labels. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    private PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
    }

    public static PrometheusText scrape(int port) throws IOException {
        RawHttp.Response response = RawHttp.send(port, "GET", "/q/metrics", "", new byte[0]);
        if (response.status() != 200) {
            throw new IllegalStateException("/q/metrics answered " + response.status());
        }
        return new PrometheusText(response.bodyText());
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (k1, v1, k2, v2...); 0 if none. */
    public double value(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && matches(sample.labels(), labels))
                .mapToDouble(Sample::value).sum();
    }

    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name) && matches(sample.labels(), labels));
    }

    public String text() {
        return text;
    }

    private static boolean matches(Map<String, String> labels, String... wanted) {
        for (int i = 0; i + 1 < wanted.length; i += 2) {
            if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
                return false;
            }
        }
        return true;
    }
}
