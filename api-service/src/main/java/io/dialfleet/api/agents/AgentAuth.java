package io.dialfleet.api.agents;

/** How refresh-agents prove who they are (docs/operations.md, "Agent credentials"). */
public enum AgentAuth {

    /**
     * Each agent holds its own key, bound to its server: it reads only that server's peer-config, and the api-service
     * stores only reports it signed for that server.
     */
    PER_AGENT_KEY,

    /**
     * Development only: {@code dialfleet.internal.token} reads every server's peer-config and unsigned reports are
     * stored (still checked for server, revision and time). Per-agent keys keep working beside it.
     */
    SHARED_TOKEN
}
