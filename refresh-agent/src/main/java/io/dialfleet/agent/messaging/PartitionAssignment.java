package io.dialfleet.agent.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The partitions of {@code dialfleet.refresh-requests} this agent's consumer holds. An agent without partitions
 * receives no request however healthy its connection is, so readiness waits for them ({@code KafkaAssignmentCheck}).
 */
@ApplicationScoped
@Identifier(PartitionAssignment.NAME)
public class PartitionAssignment implements KafkaConsumerRebalanceListener {

    /** The listener's name in {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "refresh-requests-assignment";

    private static final Logger LOG = Logger.getLogger(PartitionAssignment.class);

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        LOG.infof("refresh requests: %d partitions assigned, %d held", partitions.size(), assigned.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    /** How many partitions the consumer holds now. */
    public int held() {
        return assigned.size();
    }
}
