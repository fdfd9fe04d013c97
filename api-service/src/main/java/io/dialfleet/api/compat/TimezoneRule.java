package io.dialfleet.api.compat;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The timezone rule of add_phone and update_phone (docs/spec/non-agent-api.md §5.2): PHP's loose {@code !=} against
 * VICIdial's 33 offsets amounts to comparing decimal numbers as doubles.
 */
final class TimezoneRule {

    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Set<Double> OFFSETS = Set.of(12.75, 12.0, 11.0, 10.0, 9.5, 9.0, 8.0, 7.0, 6.5, 6.0, 5.75,
            5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.0, 1.0, 0.0, -1.0, -2.0, -3.0, -3.5, -4.0, -5.0, -6.0, -7.0, -8.0, -9.0,
            -10.0, -11.0, -12.0);

    private TimezoneRule() {
    }

    static boolean isValid(String localGmt) {
        if (!DECIMAL.matcher(localGmt).matches()) {
            return false;
        }
        double value = Double.parseDouble(localGmt);
        // -0 equals 0 as PHP compares numbers; Set<Double> would tell them apart.
        return OFFSETS.contains(value == 0.0 ? 0.0 : value);
    }
}
