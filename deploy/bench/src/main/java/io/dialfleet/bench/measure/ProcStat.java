package io.dialfleet.bench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat}: what a process and its reaped children used, in clock ticks (all threads).
 *
 * @param ticks      utime + stime
 * @param childTicks cutime + cstime: children that exited and were waited for
 */
public record ProcStat(long pid, long ppid, String comm, long ticks, long childTicks) {

    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Every process this JVM can see. */
    public static List<ProcStat> all() {
        List<ProcStat> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                read(Long.parseLong(entry.getFileName().toString())).ifPresent(processes::add);
            }
        } catch (IOException e) {
            return List.of();
        }
        return processes;
    }

    /** The comm field is in parentheses and may hold spaces and parentheses itself: split after the last ')'. */
    static ProcStat parse(long pid, String stat) {
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is state (field 3 of proc(5)); ppid is field 4, utime..cstime fields 14..17.
        long ppid = Long.parseLong(fields[1]);
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return new ProcStat(pid, ppid, comm, ticks, childTicks);
    }

    /** The full command line, NULs as spaces; empty when the process is gone. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
