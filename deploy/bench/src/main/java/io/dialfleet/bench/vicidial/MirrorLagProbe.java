package io.dialfleet.bench.vicidial;

import io.dialfleet.bench.load.ReplyObserver;
import io.dialfleet.bench.measure.Latencies;
import io.dialfleet.infra.MariaDbServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VICIdial bridge's mirror lag under load: for every add_phone reply, the time until the phone's row is
 * visible in VICIdial's MySQL. A thread of its own asks MariaDB every {@link #POLL} which of the phones still
 * awaited have arrived, so a lag is measured to within that interval plus one query.
 */
public final class MirrorLagProbe implements ReplyObserver, AutoCloseable {

    public static final Duration POLL = Duration.ofMillis(5);
    private static final Pattern PARAMETER = Pattern.compile("[?&](extension|server_ip)=([^&]*)");
    private static final int MOST_PER_QUERY = 500;

    private record Awaited(String key, long repliedNanos) {
    }

    private final ConcurrentLinkedQueue<Awaited> replies = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> awaited = new HashMap<>();
    private final List<Double> lagsMillis = new ArrayList<>();
    private final Connection connection;
    private final Thread thread;
    private volatile boolean stopping;

    public MirrorLagProbe(MariaDbServer mysql) {
        try {
            connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the bench's MariaDB", e);
        }
        thread = new Thread(this::poll, "bench-mirror-lag");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void replied(String uri, long receivedNanos) {
        Matcher matcher = PARAMETER.matcher(uri);
        String extension = null;
        String serverIp = null;
        while (matcher.find()) {
            String value = URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8);
            if (matcher.group(1).equals("extension")) {
                extension = value;
            } else {
                serverIp = value;
            }
        }
        if (extension != null && serverIp != null) {
            replies.add(new Awaited(serverIp + "/" + extension, receivedNanos));
        }
    }

    /** Waits until every phone replied so far is in MySQL (or {@code timeout} passed); the lags, and how many never arrived. */
    public Result finish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (!replies.isEmpty() || pending() > 0)) {
            Thread.sleep(POLL.toMillis());
        }
        stopping = true;
        thread.join();
        synchronized (this) {
            return new Result(Latencies.ofMillis(lagsMillis), awaited.size());
        }
    }

    /** @param missing phones whose reply came but whose row never showed up within the time-out */
    public record Result(Latencies lag, int missing) {
    }

    private synchronized int pending() {
        return awaited.size();
    }

    private void poll() {
        while (!stopping) {
            try {
                check();
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                throw new IllegalStateException("the mirror lag probe lost MariaDB", e);
            }
        }
    }

    private synchronized void check() throws SQLException {
        for (Awaited reply; (reply = replies.poll()) != null; ) {
            awaited.put(reply.key(), reply.repliedNanos());
        }
        if (awaited.isEmpty()) {
            return;
        }
        Map<String, List<String>> byServer = new HashMap<>();
        for (String key : awaited.keySet()) {
            int slash = key.indexOf('/');
            List<String> extensions = byServer.computeIfAbsent(key.substring(0, slash), server -> new ArrayList<>());
            if (extensions.size() < MOST_PER_QUERY) {
                extensions.add(key.substring(slash + 1));
            }
        }
        for (var server : byServer.entrySet()) {
            List<String> extensions = server.getValue();
            // The unique key (extension, server_ip) answers this from the index, however large the table.
            try (PreparedStatement statement = connection.prepareStatement("SELECT extension FROM phones "
                    + "WHERE server_ip = ? AND extension IN (" + String.join(",", extensions.stream()
                    .map(extension -> "?").toList()) + ")")) {
                statement.setString(1, server.getKey());
                for (int i = 0; i < extensions.size(); i++) {
                    statement.setString(i + 2, extensions.get(i));
                }
                long seen = System.nanoTime();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Long replied = awaited.remove(server.getKey() + "/" + rows.getString(1));
                        if (replied != null) {
                            lagsMillis.add(Math.max(0, seen - replied) / 1e6);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // the probe is done either way
        }
    }
}
