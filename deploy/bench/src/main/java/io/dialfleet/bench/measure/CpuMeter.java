package io.dialfleet.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the subjects' CPU totals at {@link #start()} and at {@link #stop()}: the window in between. */
public final class CpuMeter {

    private static final long TICKS_PER_SECOND = clockTicks();

    private final List<CpuSubject> subjects;
    private Map<String, Long> startTicks;
    private long[] startMachine;
    private long startNanos;

    public CpuMeter(List<CpuSubject> subjects) {
        this.subjects = List.copyOf(subjects);
    }

    public synchronized void start() {
        startTicks = read();
        startMachine = machineTicks();
        startNanos = System.nanoTime();
    }

    public synchronized CpuUsage stop() {
        long endNanos = System.nanoTime();
        Map<String, Long> endTicks = read();
        long[] endMachine = machineTicks();
        double seconds = (endNanos - startNanos) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        for (CpuSubject subject : subjects) {
            long used = endTicks.get(subject.name()) - startTicks.get(subject.name());
            percent.put(subject.name(), 100.0 * used / TICKS_PER_SECOND / seconds);
        }
        return new CpuUsage(seconds, percent, machineBusy(startMachine, endMachine));
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        subjects.forEach(subject -> ticks.put(subject.name(), subject.totalTicks().getAsLong()));
        return ticks;
    }

    /** user nice system idle iowait irq softirq steal, summed over all cores. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] values = new long[8];
            for (int i = 0; i < values.length && i + 1 < fields.length; i++) {
                values[i] = Long.parseLong(fields[i + 1]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return new long[8];
        }
    }

    private static double machineBusy(long[] start, long[] end) {
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += end[i] - start[i];
        }
        long idle = (end[3] - start[3]) + (end[4] - start[4]);
        return total == 0 ? 0 : 100.0 * (total - idle) / total;
    }

    /** USER_HZ: 100 on every common Linux; asked of getconf in case this one differs. */
    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
