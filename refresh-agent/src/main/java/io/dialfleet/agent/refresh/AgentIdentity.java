package io.dialfleet.agent.refresh;

import io.dialfleet.agent.config.AgentConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The agent's id: in its reports, and as its static Kafka group membership. */
public final class AgentIdentity {

    private AgentIdentity() {
    }

    /** {@code dialfleet.agent.agent-id}, else {@code $HOSTNAME} (the pod's name), else the host name. */
    public static String of(AgentConfig config) {
        return config.agentId().orElseGet(() -> {
            String pod = System.getenv("HOSTNAME");
            if (pod != null && !pod.isBlank()) {
                return pod;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "refresh-agent-" + config.serverIp();
            }
        });
    }
}
