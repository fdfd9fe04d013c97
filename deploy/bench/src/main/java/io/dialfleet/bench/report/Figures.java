package io.dialfleet.bench.report;

import java.util.Locale;

/** How numbers read in the tables. */
public final class Figures {

    private Figures() {
    }

    /** Milliseconds with three significant digits at most: 0.412, 4.12, 41.2, 412, 4,120. */
    public static String ms(double millis) {
        if (millis < 1) {
            return String.format(Locale.US, "%.3f", millis);
        }
        if (millis < 10) {
            return String.format(Locale.US, "%.2f", millis);
        }
        if (millis < 100) {
            return String.format(Locale.US, "%.1f", millis);
        }
        return String.format(Locale.US, "%,.0f", millis);
    }

    public static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    public static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.US, "%.1f", perSecond)
                : String.format(Locale.US, "%,.0f", perSecond);
    }

    public static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.US, "%.0f %%", value);
    }

    public static String mib(double mib) {
        return String.format(Locale.US, "%.1f", mib);
    }

    public static String seconds(double seconds) {
        return String.format(Locale.US, seconds < 10 ? "%.2f" : "%.1f", seconds);
    }

    public static String met(boolean met) {
        return met ? "met" : "missed";
    }
}
