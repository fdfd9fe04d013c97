package io.dialfleet.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory from {@code /proc/<pid>/status}, in KiB. */
public record ResidentMemory(long rssKiB, long peakRssKiB) {

    /** VmRSS (now) and VmHWM (the most it ever was); zeros when the process is gone. */
    public static ResidentMemory of(long pid) {
        long rss = 0;
        long peak = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
        } catch (IOException gone) {
            return new ResidentMemory(0, 0);
        }
        return new ResidentMemory(rss, peak);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    public static double mib(long kib) {
        return kib / 1024.0;
    }
}
