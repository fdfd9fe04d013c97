package io.dialfleet.infra;

import java.nio.file.Path;

/**
 * What embedded Kafka broker to start.
 *
 * @param port              client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one, kept across stop/start
 * @param controllerPort    KRaft controller port on 127.0.0.1; 0 picks a free one, kept across stop/start
 * @param logDirectory      log (data) directory kept between runs; {@code null} means a temporary one deleted on close
 * @param defaultPartitions partitions of auto-created topics
 */
public record KafkaOptions(int port, int controllerPort, Path logDirectory, int defaultPartitions) {

    public static KafkaOptions defaults() {
        return new KafkaOptions(0, 0, null, 3);
    }

    public KafkaOptions withPort(int newPort) {
        return new KafkaOptions(newPort, controllerPort, logDirectory, defaultPartitions);
    }

    public KafkaOptions withControllerPort(int newControllerPort) {
        return new KafkaOptions(port, newControllerPort, logDirectory, defaultPartitions);
    }

    public KafkaOptions withLogDirectory(Path newLogDirectory) {
        return new KafkaOptions(port, controllerPort, newLogDirectory, defaultPartitions);
    }

    boolean temporary() {
        return logDirectory == null;
    }
}
