package io.dialfleet.realasterisk;

/**
 * The AMI account a test's agent logs in with.
 *
 * @param read  {@code manager.conf} read permissions, for example {@code command}
 * @param write {@code manager.conf} write permissions
 */
public record AmiAccount(String host, int port, String username, String secret, String read, String write) {

    /** The {@code read =} that docs/operations.md ("The AMI account") documents for the agent. */
    public static final String AGENT_READ = "command";

    /**
     * The {@code write =} that docs/operations.md ("The AMI account") documents for the agent on {@code line}:
     * {@code command} for reloads, {@code reporting} for the peer, dialplan and mailbox lists, and on PJSIP
     * {@code system} for the PJSIPShow* lists.
     */
    public static String agentWrite(AsteriskLine line) {
        return line == AsteriskLine.PJSIP ? "command,reporting,system" : "command,reporting";
    }

    @Override
    public String toString() {
        return "AmiAccount[" + username + "@" + host + ":" + port + ", read=" + read + ", write=" + write + "]";
    }
}
