package io.dialfleet.bench.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A summary of latencies in milliseconds. From an HdrHistogram (load levels: thousands of values) or from a short
 * list of exact values (refresh runs: twenty or so), with the nearest-rank percentile.
 */
public record Latencies(long count, double p50, double p90, double p99, double max, double mean) {

    public static final Latencies EMPTY = new Latencies(0, 0, 0, 0, 0, 0);

    /** @param histogram values in microseconds */
    public static Latencies of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Latencies(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()), histogram.getMean() / 1000.0);
    }

    /** @param millis exact values */
    public static Latencies ofMillis(List<Double> millis) {
        if (millis.isEmpty()) {
            return EMPTY;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Latencies(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted.get(sorted.size() - 1), sum / sorted.size());
    }

    private static double rank(List<Double> sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
