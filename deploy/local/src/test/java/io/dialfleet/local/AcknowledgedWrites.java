package io.dialfleet.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** add_phone calls in a loop from several threads, keeping the extensions the API answered SUCCESS for. */
final class AcknowledgedWrites {

    private final String url;
    private final int threads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService callers;

    AcknowledgedWrites(String url, int threads) {
        this.url = url;
        this.threads = threads;
        this.callers = Executors.newFixedThreadPool(threads);
    }

    void start() {
        for (int i = 0; i < threads; i++) {
            callers.submit(this::callUntilStopped);
        }
    }

    List<String> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    /** Stops the callers, after the answers of the calls under way; @return every acknowledged extension. */
    List<String> stop() throws InterruptedException {
        running.set(false);
        callers.shutdown();
        callers.awaitTermination(60, TimeUnit.SECONDS);
        return acknowledged();
    }

    private void callUntilStopped() {
        while (running.get()) {
            String extension = String.format("ack%05d", next.incrementAndGet());
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url
                        + "/vicidial/non_agent_api.php?source=test&user=6666&pass=1234&function=add_phone&extension="
                        + extension + "&dialplan_number=" + extension.substring(3) + "&voicemail_id=" + extension
                        + "&phone_login=" + extension + "&phone_pass=vm&server_ip=10.10.10.15&protocol=SIP"
                        + "&registration_password=Ack" + extension + "&phone_full_name=Ack&local_gmt=-5.00"
                        + "&outbound_cid=3125551150")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.body().startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED")) {
                    acknowledged.add(extension);
                }
            } catch (java.io.IOException e) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
