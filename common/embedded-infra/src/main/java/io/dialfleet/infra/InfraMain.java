package io.dialfleet.infra;

import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL and Kafka, prints their addresses and runs until Ctrl-C or SIGTERM, then stops
 * both. Configuration: see {@link InfraSettings} and the module README.
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Infrastructure infrastructure = Infrastructure.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("dialfleet infrastructure: stopping");
            infrastructure.close();
            System.out.println("dialfleet infrastructure: stopped");
            stopped.countDown();
        }, "dialfleet-infra-main-stop"));
        System.out.println("dialfleet infrastructure (" + infrastructure.mode().name().toLowerCase(java.util.Locale.ROOT)
                + ", PostgreSQL " + infrastructure.postgres().kind() + ") is up; Ctrl-C stops it.");
        System.out.print(infrastructure.addresses().asEnvironmentLines());
        System.out.flush();
        stopped.await();
    }
}
