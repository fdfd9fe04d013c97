package io.dialfleet.infra;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts PostgreSQL and Kafka, prints their addresses and runs until Ctrl-C or SIGTERM, then stops
 * both (within a second or two). Configuration: see {@link InfraSettings} and the module README.
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        logToConsole();
        Infrastructure infrastructure = Infrastructure.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("dialfleet infrastructure: stopping");
            infrastructure.close();
            System.out.println("dialfleet infrastructure: stopped");
            stopped.countDown();
        }, "dialfleet-infra-main-stop"));
        System.out.println("dialfleet infrastructure (" + infrastructure.mode().name().toLowerCase(Locale.ROOT)
                + ", PostgreSQL " + infrastructure.postgres().kind().name().toLowerCase(Locale.ROOT)
                + ") is up; Ctrl-C stops it.");
        System.out.print(infrastructure.addresses().asEnvironmentLines());
        System.out.flush();
        stopped.await();
    }

    /**
     * A plain JVM has no log configuration of its own: without a handler, the servers' warnings (through
     * SLF4J to JBoss LogManager or JUL) would go nowhere. One console line per record, on stderr.
     */
    private static void logToConsole() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s [%3$s] %5$s%6$s%n");
        }
        Logger root = Logger.getLogger("");
        if (root.getHandlers().length == 0) {
            root.addHandler(new ConsoleHandler());
            root.setLevel(Level.INFO);
        }
    }
}
