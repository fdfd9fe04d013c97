package io.dialfleet.agent.asterisk;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach the Asterisk Manager Interface. The account needs {@code write=command} in
 * {@code manager.conf} (docs/spec/asterisk-behaviour.md, "Other AMI facts").
 *
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout    how long to wait for an answer to the login and the show commands
 * @param reloadTimeout  how long to wait for the answer to a {@code module reload}: long, because removing
 *                       2,000 PJSIP phones takes about a minute inside Asterisk (docs/spec/asterisk-behaviour.md)
 */
public record AmiSettings(
        String host,
        int port,
        String username,
        String secret,
        Duration connectTimeout,
        Duration readTimeout,
        Duration reloadTimeout) {

    public static final int DEFAULT_PORT = 5038;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RELOAD_TIMEOUT = Duration.ofMinutes(10);

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port out of range: " + port);
        }
        // A CR or LF would end the header and let the value inject AMI headers of its own.
        requireSingleLine(username, "username");
        requireSingleLine(secret, "secret");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(reloadTimeout, "reloadTimeout");
    }

    /** Settings with the default timeouts. */
    public static AmiSettings of(String host, int port, String username, String secret) {
        return new AmiSettings(host, port, username, secret,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_RELOAD_TIMEOUT);
    }

    /** A copy with other timeouts. */
    public AmiSettings withTimeouts(Duration connectTimeout, Duration readTimeout, Duration reloadTimeout) {
        return new AmiSettings(host, port, username, secret, connectTimeout, readTimeout, reloadTimeout);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + address() + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", reloadTimeout=" + reloadTimeout + "]";
    }

    private static void requireSingleLine(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("AMI " + name + " must be one non-empty line");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
