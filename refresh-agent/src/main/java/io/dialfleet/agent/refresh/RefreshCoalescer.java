package io.dialfleet.agent.refresh;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Single flight with coalescing: one rebuild runs at a time on the agent's run thread; requests arriving while it
 * runs collapse into one trailing run that covers them all (as Wazo's reload executor does, architecture.md).
 */
public final class RefreshCoalescer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RefreshCoalescer.class);

    private final Consumer<RefreshBatch> run;
    private final ExecutorService runThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dialfleet-refresh-run");
        thread.setDaemon(true);
        return thread;
    });
    private RefreshBatch pending;
    private boolean draining;

    /** @param run performs one rebuild, blocking; it reports its own failures and should not throw */
    public RefreshCoalescer(Consumer<RefreshBatch> run) {
        this.run = run;
    }

    public synchronized void submit(RefreshTrigger trigger) {
        pending = pending == null ? RefreshBatch.of(trigger) : pending.plus(trigger);
        if (!draining) {
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
            }
        }
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
