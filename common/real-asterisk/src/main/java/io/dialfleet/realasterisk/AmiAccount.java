package io.dialfleet.realasterisk;

/**
 * The AMI account a test's agent logs in with.
 *
 * @param read  {@code manager.conf} read permissions, for example {@code command}
 * @param write {@code manager.conf} write permissions
 */
public record AmiAccount(String host, int port, String username, String secret, String read, String write) {

    /** What docs/operations.md ("The AMI account") documents for the agent. */
    public static final String AGENT_PERMISSIONS = "command";

    @Override
    public String toString() {
        return "AmiAccount[" + username + "@" + host + ":" + port + ", read=" + read + ", write=" + write + "]";
    }
}
