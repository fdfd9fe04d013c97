package io.dialfleet.api.support;

import io.dialfleet.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether the VICIdial bridge's forward mirror has caught up: the outbox has published every change event, and the
 * mirror's consumer group has committed (so MySQL has accepted) every event on the change topic.
 */
public final class MirrorProgress {

    private static final String GROUP = "dialfleet-vicidial-bridge";

    private MirrorProgress() {
    }

    public static void awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        try (Admin admin = Admin.create(adminProperties())) {
            while (System.nanoTime() < deadline) {
                String unpublished = Database.render("SELECT count(*) FROM outbox WHERE published_at IS NULL");
                if (unpublished.equals("0")) {
                    last = behind(admin);
                    if (last.isEmpty()) {
                        return;
                    }
                } else {
                    last = unpublished + " outbox rows unpublished";
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the mirror did not catch up within " + timeout + ": " + last);
    }

    /** Empty when every partition's committed offset is at its end. */
    private static String behind(Admin admin) throws Exception {
        Set<TopicPartition> partitions;
        try {
            partitions = admin.describeTopics(Set.of(Topics.PHONE_CHANGES)).allTopicNames().get()
                    .get(Topics.PHONE_CHANGES).partitions().stream()
                    .map(info -> new TopicPartition(Topics.PHONE_CHANGES, info.partition()))
                    .collect(Collectors.toSet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return ""; // no change event was ever published
            }
            throw e;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        StringBuilder behind = new StringBuilder();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata offset = committed.get(partition);
            long at = offset == null ? 0 : offset.offset();
            if (at < end) {
                behind.append(partition).append(" at ").append(at).append(" of ").append(end).append("; ");
            }
        }
        return behind.toString();
    }

    private static Properties adminProperties() {
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        return properties;
    }
}
