package io.dialfleet.agent.health;

import io.dialfleet.agent.messaging.PartitionAssignment;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the consumer holds partitions of the refresh-request topic: before that, no request reaches it. */
@Readiness
@ApplicationScoped
public class KafkaAssignmentCheck implements HealthCheck {

    private final PartitionAssignment assignment;

    public KafkaAssignmentCheck(@Identifier(PartitionAssignment.NAME) PartitionAssignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public HealthCheckResponse call() {
        int held = assignment.held();
        return HealthCheckResponse.named("refresh-requests-partitions").status(held > 0)
                .withData("partitions", held).build();
    }
}
