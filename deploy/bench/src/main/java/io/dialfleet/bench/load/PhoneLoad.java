package io.dialfleet.bench.load;

import io.dialfleet.bench.fleet.NonAgentQuery;
import io.dialfleet.bench.fleet.PhoneGenerator;
import io.dialfleet.bench.fleet.PhoneRow;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/** The request sources of the API and bulk scenarios, the same sequence for the same seed. */
public final class PhoneLoad {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    /** Workers beyond this would not fit the two base-36 digits of an extension. */
    public static final int MAX_WORKERS = 36 * 36;

    private PhoneLoad() {
    }

    /**
     * New phones: extension = login = {@code bk<run:2><level:1><worker:2><n:5>} in base 36 (12 characters; logins
     * hold 15), so no two levels or runs with different tags collide. Servers are taken in turn.
     *
     * @param runTag two base-36 characters naming the run
     * @param level  the level within the run (0-35)
     */
    public static RequestSource addPhone(String runTag, int level, List<String> serverIps, int workers) {
        AtomicLongArray counters = new AtomicLongArray(workers);
        String prefix = "bk" + runTag + DIGITS.charAt(level % 36);
        return worker -> {
            long n = counters.getAndIncrement(worker);
            String extension = prefix + base36(worker, 2) + base36(n, 5);
            String serverIp = serverIps.get((int) ((worker + n) % serverIps.size()));
            return NonAgentQuery.addPhone(new PhoneRow(extension, extension, extension, extension, "test", serverIp,
                    "SIP", "test1234", "LoadTest" + extension, "3125551212"));
        };
    }

    /**
     * outbound_cid changes rotating over the working set; worker w starts at {@code w × 9973 mod N}, as
     * wrk/vd_load.lua spreads its threads.
     */
    public static RequestSource updatePhone(List<PhoneRow> workingSet, int workers) {
        AtomicLongArray positions = new AtomicLongArray(workers);
        AtomicLongArray counters = new AtomicLongArray(workers);
        for (int worker = 0; worker < workers; worker++) {
            positions.set(worker, (worker * 9973L) % workingSet.size());
        }
        return worker -> {
            long position = positions.getAndIncrement(worker) % workingSet.size();
            long n = counters.getAndIncrement(worker);
            PhoneRow phone = workingSet.get((int) position);
            return NonAgentQuery.updatePhone(phone.extension(), phone.serverIp(),
                    String.format("3125%02d%04d", worker % 100, n % 10_000));
        };
    }

    /** add_phone with probability {@code addPercent} %, update_phone otherwise, drawn per worker from the seed. */
    public static RequestSource mix(RequestSource add, RequestSource update, int addPercent, PhoneGenerator seed,
            int level, int workers) {
        SplittableRandom[] draws = new SplittableRandom[workers];
        for (int worker = 0; worker < workers; worker++) {
            draws[worker] = seed.random("mix-" + level, worker);
        }
        return worker -> draws[worker].nextInt(100) < addPercent ? add.next(worker) : update.next(worker);
    }

    /** Two base-36 characters from the seed: the run tag of {@link #addPhone}. */
    public static String runTag(long seed) {
        return base36(Math.floorMod(seed, 36 * 36), 2);
    }

    static String base36(long value, int width) {
        StringBuilder text = new StringBuilder(Long.toString(value, 36));
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }
}
