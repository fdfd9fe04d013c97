package io.dialfleet.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded servers from flooding test output: Kafka logs every config, partition and
 * coordinator change at INFO, zonky every line initdb and pg_ctl print. Both are set to WARNING;
 * a level someone configured already (e.g. {@code quarkus.log.category."kafka".level}) is left alone.
 *
 * <p>Levels go through java.util.logging, where SLF4J ends up under Quarkus (JBoss LogManager as
 * the JUL manager). When slf4j-jboss-logmanager is present but JUL has its default manager, the
 * same loggers are also looked up in JBoss LogManager's own context.
 */
final class InfraLogging {

    private static final List<String> CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "io.zonky.test.db.postgres");
    // JUL holds loggers weakly: keep them, or a collected logger comes back with its default level.
    private static final List<Logger> QUIETED = new ArrayList<>();

    private InfraLogging() {
    }

    static synchronized void quiet() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        for (String category : CATEGORIES) {
            quiet(Logger.getLogger(category));
            jbossLogger(category).ifPresent(InfraLogging::quiet);
        }
    }

    private static void quiet(Logger logger) {
        QUIETED.add(logger);
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
    }

    private static java.util.Optional<Logger> jbossLogger(String category) {
        try {
            Class<?> logContext = Class.forName("org.jboss.logmanager.LogContext");
            Object context = logContext.getMethod("getLogContext").invoke(null);
            // org.jboss.logmanager.Logger extends java.util.logging.Logger
            return java.util.Optional.of((Logger) logContext.getMethod("getLogger", String.class).invoke(context, category));
        } catch (ReflectiveOperationException | ClassCastException | LinkageError absent) {
            return java.util.Optional.empty();
        }
    }
}
