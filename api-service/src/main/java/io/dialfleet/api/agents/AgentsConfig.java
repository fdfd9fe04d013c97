package io.dialfleet.api.agents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the refresh-agents authenticate (docs/operations.md, "Agent credentials"). */
@ConfigMapping(prefix = "dialfleet.agents")
public interface AgentsConfig {

    /**
     * {@code per-agent-key} (each agent its own key, issued with {@code POST /api/v1/servers/{ip}/agent-keys}) or
     * {@code shared-token}, a development mode where {@code dialfleet.internal.token} opens every server's
     * peer-config and unsigned status reports are accepted.
     */
    @WithDefault("per-agent-key")
    AgentAuth auth();
}
