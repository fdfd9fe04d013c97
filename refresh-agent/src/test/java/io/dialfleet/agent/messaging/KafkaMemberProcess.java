package io.dialfleet.agent.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * An agent's consumer in a process of its own, for {@link ConsumerRejoinIT} to kill: prints {@code ASSIGNED <n>}
 * once it holds partitions, then polls until it is killed.
 *
 * <p>Arguments: bootstrap servers, topic, then {@code key=value} consumer settings.
 */
public final class KafkaMemberProcess {

    public static void main(String[] args) {
        Map<String, Object> settings = new java.util.HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        settings.put("bootstrap.servers", args[0]);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(args[1]), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    System.out.println("ASSIGNED " + partitions.size());
                    System.out.flush();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // nothing held to give up
                }
            });
            while (true) {
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }
}
