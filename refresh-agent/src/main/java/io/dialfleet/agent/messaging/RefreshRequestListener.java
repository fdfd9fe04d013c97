package io.dialfleet.agent.messaging;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.metrics.AgentRunMetrics;
import io.dialfleet.agent.refresh.RefreshCoalescer;
import io.dialfleet.agent.refresh.RefreshTrigger;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.ServerRefreshRequested;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code dialfleet.refresh-requests} in the group {@code refresh-agent-<server_ip>}: every agent sees the
 * whole fleet's requests and acts on those keyed by its own server. A record that cannot be read is nacked and goes
 * to the dead-letter topic; the consumer carries on.
 */
@ApplicationScoped
public class RefreshRequestListener {

    public static final String CHANNEL = "refresh-requests";

    private final String serverIp;
    private final RefreshCoalescer coalescer;
    private final AgentRunMetrics metrics;

    public RefreshRequestListener(AgentConfig config, RefreshCoalescer coalescer, AgentRunMetrics metrics) {
        this.serverIp = config.serverIp();
        this.coalescer = coalescer;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public void onRequest(ConsumerRecord<String, String> record) {
        if (!serverIp.equalsIgnoreCase(record.key())) {
            return;
        }
        ServerRefreshRequested request;
        try {
            request = readable(record);
        } catch (RuntimeException unreadable) {
            metrics.deadLettered();
            throw unreadable;
        }
        coalescer.submit(new RefreshTrigger(request.requestId(), request.revision(), request.force(), request.reason()));
    }

    private ServerRefreshRequested readable(ConsumerRecord<String, String> record) {
        ServerRefreshRequested request = EventJson.read(record.value(), ServerRefreshRequested.class);
        if (request.requestId() == null || !serverIp.equalsIgnoreCase(request.serverIp())) {
            throw new IllegalArgumentException("refresh request " + request.eventId() + " is keyed " + record.key()
                    + " but names server " + request.serverIp() + " and request " + request.requestId());
        }
        return request;
    }
}
