package io.dialfleet.agent.refresh;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Single flight with coalescing: one rebuild runs at a time on the agent's run thread; requests arriving while it
 * runs collapse into one trailing run that covers them all (as Wazo's reload executor does, architecture.md).
 *
 * <p>An {@link Error} thrown by a run (an out-of-memory rendering a huge template, a linkage error) leaves the JVM in
 * a state nobody should trust: it is remembered, so readiness turns DOWN, and handed to {@code onFatal}, which ends
 * the process for its supervisor to restart. Requests that arrive after it are not run.
 */
public final class RefreshCoalescer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RefreshCoalescer.class);

    private final Consumer<RefreshBatch> run;
    private final Consumer<Error> onFatal;
    private final ExecutorService runThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dialfleet-refresh-run");
        thread.setDaemon(true);
        return thread;
    });
    private RefreshBatch pending;
    private boolean draining;
    private volatile Error fatal;

    /**
     * @param run     performs one rebuild, blocking; it reports its own failures and should not throw
     * @param onFatal told of an {@link Error} thrown by a run, on the run thread; ends the process in production
     */
    public RefreshCoalescer(Consumer<RefreshBatch> run, Consumer<Error> onFatal) {
        this.run = run;
        this.onFatal = onFatal;
    }

    public synchronized void submit(RefreshTrigger trigger) {
        pending = pending == null ? RefreshBatch.of(trigger) : pending.plus(trigger);
        if (!draining && fatal == null) {
            draining = true;
            runThread.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            RefreshBatch batch;
            synchronized (this) {
                batch = pending;
                pending = null;
                if (batch == null) {
                    draining = false;
                    return;
                }
            }
            try {
                run.accept(batch);
            } catch (RuntimeException unexpected) {
                LOG.errorf(unexpected, "refresh run for %s ended unexpectedly", batch.requestIds());
            } catch (Error error) {
                fatal = error;
                LOG.fatalf(error, "refresh run for %s ended with %s; no further run will start", batch.requestIds(),
                        error);
                onFatal.accept(error);
                return;
            }
        }
    }

    /** The {@link Error} that stopped the runs, if one did. */
    public Optional<Error> fatal() {
        return Optional.ofNullable(fatal);
    }

    @Override
    public void close() {
        runThread.shutdownNow();
        try {
            runThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
