package io.dialfleet.api.compat;

import io.dialfleet.api.repository.ServerRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** {@code function=version} (docs/spec/non-agent-api.md §4.1): the service's clock and zone, a server's offset. */
@ApplicationScoped
class VersionReply {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private final ServerRepository servers;
    private final ZoneId zone = ZoneId.systemDefault();

    VersionReply(ServerRepository servers) {
        this.servers = servers;
    }

    Uni<Reply> reply(SqlConnection connection, ApiRequest request) {
        ZonedDateTime now = request.receivedAt().atZone(zone);
        boolean dst = zone.getRules().isDaylightSavings(request.receivedAt());
        return servers.firstActiveServerTimezone(connection).map(timezone -> {
            String tz = timezone.orElse("");
            String tzNow = timezone.isPresent() ? adjusted(tz, dst) : offsetHours(now);
            return Replies.version(now.format(DATE), request.receivedAt().getEpochSecond(), dst, tz, tzNow);
        });
    }

    /** PHP's {@code $tz + 1} printed as a number during DST; the stored text unchanged otherwise. */
    private static String adjusted(String tz, boolean dst) {
        if (!dst) {
            return tz;
        }
        if (tz.isEmpty()) {
            return "1";
        }
        return plain(leadingNumber(tz).add(BigDecimal.ONE));
    }

    /** {@code -0500} read as a number and divided by 100: {@code -5}; {@code +0530}: {@code 5.3}. */
    private static String offsetHours(ZonedDateTime now) {
        return plain(new BigDecimal(now.format(OFFSET)).movePointLeft(2));
    }

    private static BigDecimal leadingNumber(String text) {
        var matcher = java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)").matcher(text);
        return matcher.find() ? new BigDecimal(matcher.group().trim()) : BigDecimal.ZERO;
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }
}
