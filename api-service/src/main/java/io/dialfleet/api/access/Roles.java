package io.dialfleet.api.access;

/** The roles of a caller of the JSON API and the internal endpoint, and what an agent's identity carries. */
public final class Roles {

    /** The operator token, or an active VICIdial user of level 9 with {@code ast_admin_access} 1. */
    public static final String OPERATOR = "operator";
    /** A refresh-agent: its own key, or the shared token of the development mode. */
    public static final String AGENT = "agent";
    /**
     * Attribute of an agent's identity: the server_ip its key is bound to; absent for the shared development token,
     * which serves every server.
     */
    public static final String AGENT_SERVER = "dialfleet.agent-server";
    /** Attribute of a refused Basic login: the Non-Agent API's reply line for the same refusal. */
    public static final String REFUSAL = "dialfleet.refusal";

    private Roles() {
    }
}
