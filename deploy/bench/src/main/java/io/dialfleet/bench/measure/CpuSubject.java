package io.dialfleet.bench.measure;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Something whose CPU a measured window reports: a total of clock ticks that only grows, read at the start and at
 * the end of the window.
 */
public record CpuSubject(String name, LongSupplier totalTicks) {

    /** One process (all its threads). */
    public static CpuSubject process(String name, long pid) {
        return new CpuSubject(name, () -> ProcStat.read(pid).map(ProcStat::ticks).orElse(0L));
    }

    /** Several processes, looked up again at every reading (agents come and go between scenarios). */
    public static CpuSubject processes(String name, Supplier<List<Long>> pids) {
        return new CpuSubject(name, () -> pids.get().stream()
                .mapToLong(pid -> ProcStat.read(pid).map(ProcStat::ticks).orElse(0L))
                .sum());
    }

    /**
     * A postmaster and its children. Backends that exit during the window move their ticks into the postmaster's
     * cutime/cstime when it reaps them, so postmaster (own + reaped) plus the living children is a total that does
     * not drop when a connection closes.
     */
    public static CpuSubject processTree(String name, long root) {
        return new CpuSubject(name, () -> {
            Optional<ProcStat> parent = ProcStat.read(root);
            if (parent.isEmpty()) {
                return 0L;
            }
            long total = parent.get().ticks() + parent.get().childTicks();
            for (ProcStat process : ProcStat.all()) {
                if (process.ppid() == root) {
                    total += process.ticks();
                }
            }
            return total;
        });
    }

    /** Every process with this comm, when nothing better identifies them (an attached system without its pids). */
    public static CpuSubject byComm(String name, String comm) {
        return new CpuSubject(name, () -> ProcStat.all().stream()
                .filter(process -> process.comm().equals(comm))
                .mapToLong(ProcStat::ticks)
                .sum());
    }
}
