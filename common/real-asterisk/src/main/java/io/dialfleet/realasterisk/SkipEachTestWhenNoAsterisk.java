package io.dialfleet.realasterisk;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Reports every test of a class as skipped when its {@code @BeforeAll} found no Asterisk ({@link RealAsterisk#start}
 * aborted), instead of a class with no tests: the counts say what was skipped, and failsafe writes its summary (with
 * no test run at all it keeps the previous run's, failures included). The reason is printed once by the abort.
 */
public final class SkipEachTestWhenNoAsterisk implements LifecycleMethodExecutionExceptionHandler, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SkipEachTestWhenNoAsterisk.class);
    private static final String ABORT = "abort";

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!(thrown instanceof TestAbortedException)) {
            throw thrown;
        }
        context.getStore(NAMESPACE).put(ABORT, thrown);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestAbortedException abort = context.getStore(NAMESPACE).get(ABORT, TestAbortedException.class);
        if (abort != null) {
            throw abort;
        }
    }
}
