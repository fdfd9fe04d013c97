package io.dialfleet.bench.report;

import java.util.Locale;

/** Progress lines on stdout, with the seconds since the tool started: where a long run spends its time. */
public final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    public static void say(String format, Object... arguments) {
        System.out.printf(Locale.US, "bench [%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9,
                String.format(Locale.US, format, arguments));
    }
}
