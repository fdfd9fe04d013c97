package io.dialfleet.agent.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.events.RefreshReason;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefreshCoalescerTest {

    @Test
    void requestsArrivingDuringARunCollapseIntoOneTrailingRun() throws Exception {
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        List<RefreshBatch> runs = new CopyOnWriteArrayList<>();
        try (var coalescer = new RefreshCoalescer(batch -> {
            runs.add(batch);
            firstRunStarted.countDown();
            awaitQuietly(releaseFirstRun);
        }, RefreshCoalescerTest::notExpected)) {
            UUID first = UUID.randomUUID();
            coalescer.submit(trigger(first, 10, false));
            assertThat(firstRunStarted.await(5, TimeUnit.SECONDS)).isTrue();

            UUID second = UUID.randomUUID();
            UUID third = UUID.randomUUID();
            UUID fourth = UUID.randomUUID();
            coalescer.submit(trigger(second, 11, false));
            coalescer.submit(trigger(third, 13, true));
            coalescer.submit(trigger(fourth, 12, false));
            releaseFirstRun.countDown();

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
            assertThat(runs.get(0)).isEqualTo(new RefreshBatch(List.of(first), 10, false));
            assertThat(runs.get(1)).isEqualTo(new RefreshBatch(List.of(second, third, fourth), 13, true));
        }
    }

    @Test
    void aRunThatThrowsDoesNotStopLaterRuns() {
        List<RefreshBatch> runs = new CopyOnWriteArrayList<>();
        try (var coalescer = new RefreshCoalescer(batch -> {
            runs.add(batch);
            if (runs.size() == 1) {
                throw new IllegalStateException("boom");
            }
        }, RefreshCoalescerTest::notExpected)) {
            coalescer.submit(trigger(UUID.randomUUID(), 1, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
            coalescer.submit(trigger(UUID.randomUUID(), 2, false));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        }
    }

    @Test
    void anErrorInARunIsHandedOnAndStopsFurtherRuns() {
        List<RefreshBatch> runs = new CopyOnWriteArrayList<>();
        List<Error> fatal = new CopyOnWriteArrayList<>();
        OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
        try (var coalescer = new RefreshCoalescer(batch -> {
            runs.add(batch);
            throw outOfMemory;
        }, fatal::add)) {
            assertThat(coalescer.fatal()).isEmpty();

            coalescer.submit(trigger(UUID.randomUUID(), 1, false));

            await().atMost(Duration.ofSeconds(5)).until(() -> !fatal.isEmpty());
            assertThat(fatal).containsExactly(outOfMemory);
            assertThat(coalescer.fatal()).contains(outOfMemory);
            coalescer.submit(trigger(UUID.randomUUID(), 2, false));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> runs.size() == 1);
        }
    }

    @Test
    void theStartupTriggerCoversNoRequest() {
        assertThat(RefreshBatch.of(RefreshTrigger.startup()).requestIds()).isEmpty();
    }

    private static void notExpected(Error error) {
        throw new AssertionError("no run should end with an Error", error);
    }

    private static RefreshTrigger trigger(UUID id, long revision, boolean force) {
        return new RefreshTrigger(id, revision, force, RefreshReason.PHONE_CHANGED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
