package io.dialfleet.realasterisk;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * What happens when no Asterisk can be had: the tests are skipped with one line giving the reason, unless
 * {@code DIALFLEET_REAL_ASTERISK=required} (CI), where they fail with it.
 */
final class SuiteRequirement {

    static final String VARIABLE = "DIALFLEET_REAL_ASTERISK";
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private SuiteRequirement() {
    }

    static boolean required() {
        return "required".equals(System.getenv().getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Skips the calling test (the whole class, in {@code @BeforeAll}) or, when the suite is required, fails it. Never
     * returns; typed so that callers can write {@code throw skipOrFail(…)}.
     */
    static RuntimeException skipOrFail(String reason) {
        if (required()) {
            throw new IllegalStateException("real-Asterisk suite required (" + VARIABLE + "=required) but " + reason);
        }
        if (TOLD.compareAndSet(false, true)) {
            System.err.println("real-Asterisk suite skipped: " + reason);
        }
        return Assumptions.abort("real-Asterisk suite skipped: " + reason);
    }
}
