package io.dialfleet.bench.measure;

import java.util.Map;

/**
 * CPU used during one window, in percent of one core (200 % is both cores of a 2-core machine), as
 * {@code wrk/cpu_split.py} reports it.
 *
 * @param bySubject   per subject, in the order the meter was given them
 * @param machineBusy share of all cores not idle nor waiting for I/O, from /proc/stat, in percent of the machine
 */
public record CpuUsage(double seconds, Map<String, Double> bySubject, double machineBusy) {

    public static final CpuUsage NONE = new CpuUsage(0, Map.of(), 0);

    public String percent(String subject) {
        Double value = bySubject.get(subject);
        return value == null ? "n/a" : String.format("%.0f %%", value);
    }
}
