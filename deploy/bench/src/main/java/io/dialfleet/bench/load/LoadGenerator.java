package io.dialfleet.bench.load;

import io.dialfleet.bench.fleet.NonAgentQuery;
import io.dialfleet.bench.measure.Latencies;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load with exactly N requests in flight, as wrk runs it: N workers, each on a keep-alive connection
 * of its own, sends its next request the moment the previous reply arrived. A slow reply holds back its worker, not
 * the clock: every request's latency is measured from the moment it was sent, so no stall goes unrecorded (no
 * sleeps between requests, hence no coordinated omission). Latencies go to an HdrHistogram in microseconds.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    /** Longest latency the histogram holds exactly: far above the request time-out. */
    private static final long HIGHEST_MICROS = 120_000_000L;

    private final URI base;
    private final Vertx vertx;

    public LoadGenerator(URI base) {
        this.base = base;
        // Two event loops on a 2-core machine, as many as wrk's default threads: the generator must not take more
        // than its share of the cores it shares with the system under test.
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                .setPreferNativeTransport(false));
    }

    /**
     * Runs until {@code measureEnd} ({@link System#nanoTime()}); requests sent before {@code measureStart} are
     * warm-up and not counted.
     */
    public LoadResult runWindow(RequestSource source, int concurrency, long measureStart, long measureEnd) {
        return runWindow(source, concurrency, measureStart, measureEnd, ReplyObserver.NONE);
    }

    /** As above; {@code observer} hears of every successful measured reply. */
    public LoadResult runWindow(RequestSource source, int concurrency, long measureStart, long measureEnd,
            ReplyObserver observer) {
        return run(source, concurrency, measureStart, measureEnd, Long.MAX_VALUE, null, observer);
    }

    /**
     * Sends exactly {@code total} requests, all measured; {@code requestIds} receives every refresh request id.
     * The window is first send to last reply.
     */
    public LoadResult runCount(RequestSource source, int concurrency, long total, List<String> requestIds) {
        return run(source, concurrency, 0, Long.MAX_VALUE, total, requestIds, ReplyObserver.NONE);
    }

    private LoadResult run(RequestSource source, int concurrency, long measureStart, long measureEnd, long total,
            List<String> requestIds, ReplyObserver observer) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort() < 0 ? 80 : base.getPort())
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(concurrency));
        Run run = new Run(vertx, client, source, measureStart, measureEnd, total, concurrency, observer);
        try {
            long began = System.nanoTime();
            for (int worker = 0; worker < concurrency; worker++) {
                run.send(worker);
            }
            long limitSeconds = total != Long.MAX_VALUE ? 3_600 : (measureEnd - began) / 1_000_000_000L + 60;
            if (!run.finished.await(limitSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the load did not finish: " + run.finished.getCount()
                        + " workers still waiting for replies");
            }
            double seconds;
            if (total != Long.MAX_VALUE) {
                seconds = (run.lastReply.get() - began) / 1e9;
            } else {
                seconds = (measureEnd - measureStart) / 1e9;
            }
            if (requestIds != null) {
                requestIds.addAll(run.requestIds);
            }
            return new LoadResult(concurrency, seconds, run.requests.get(), run.errors.get(), run.firstError.get(),
                    run.refreshRequests.get(), Latencies.of(run.latencies.getIntervalHistogram()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The state of one load: counters shared by the workers, each worker's loop in {@link #send}. */
    private static final class Run {
        final Vertx vertx;
        final HttpClient client;
        final RequestSource source;
        final long measureStart;
        final long measureEnd;
        final AtomicLong remaining;
        final boolean counted;
        final CountDownLatch finished;
        final Recorder latencies = new Recorder(HIGHEST_MICROS, 3);
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong refreshRequests = new AtomicLong();
        final AtomicLong lastReply = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>("");
        final ConcurrentLinkedQueue<String> requestIds = new ConcurrentLinkedQueue<>();
        final ReplyObserver observer;

        Run(Vertx vertx, HttpClient client, RequestSource source, long measureStart, long measureEnd, long total,
                int workers, ReplyObserver observer) {
            this.vertx = vertx;
            this.client = client;
            this.source = source;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
            this.counted = total != Long.MAX_VALUE;
            this.remaining = new AtomicLong(total);
            this.finished = new CountDownLatch(workers);
            this.observer = observer;
        }

        void send(int worker) {
            long sent = System.nanoTime();
            if (counted ? remaining.getAndDecrement() <= 0 : sent >= measureEnd) {
                finished.countDown();
                return;
            }
            String uri = source.next(worker);
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setURI(uri)
                    .setTimeout(REQUEST_TIMEOUT_MILLIS);
            client.request(request)
                    .compose(call -> call.send())
                    .compose(response -> response.body().map(body -> new Reply(response.statusCode(), body.toString(),
                            response.getHeader(NonAgentQuery.REQUEST_ID_HEADER))))
                    .onComplete(outcome -> {
                        long received = System.nanoTime();
                        record(uri, sent, received, outcome);
                        // Through the event loop's queue rather than a nested call: a failure that completes at
                        // once (connection refused) must not deepen the stack with every retry.
                        vertx.runOnContext(next -> send(worker));
                    });
        }

        private void record(String uri, long sent, long received, AsyncResult<Reply> outcome) {
            lastReply.accumulateAndGet(received, Math::max);
            if (sent < measureStart) {
                return;
            }
            requests.incrementAndGet();
            latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (received - sent) / 1_000)));
            if (outcome.failed()) {
                error(outcome.cause().getClass().getSimpleName() + ": " + outcome.cause().getMessage());
                return;
            }
            Reply reply = outcome.result();
            if (!NonAgentQuery.succeeded(reply.status(), reply.body())) {
                error(reply.status() + " " + reply.body().strip());
            } else {
                observer.replied(uri, received);
            }
            if (reply.requestId() != null) {
                refreshRequests.incrementAndGet();
                if (counted) {
                    requestIds.add(reply.requestId());
                }
            }
        }

        private void error(String description) {
            errors.incrementAndGet();
            firstError.compareAndSet("", description.length() > 200 ? description.substring(0, 200) : description);
        }
    }

    private record Reply(int status, String body, String requestId) {
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
