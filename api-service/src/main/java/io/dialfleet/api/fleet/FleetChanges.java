package io.dialfleet.api.fleet;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells an open fleet page when to read the fleet again. It polls a fingerprint of what the page shows — every
 * server row, every agent's last report, the newest request and the newest settled target (both by index) — and
 * emits it whenever it differs from the last one; the first at once. Reading the database, not this replica's
 * memory, sees changes made through any replica and reports consumed by any of them.
 */
@ApplicationScoped
public class FleetChanges {

    private static final String FINGERPRINT = """
            SELECT md5(concat_ws('|',
                (SELECT string_agg(s::text, ',' ORDER BY s.server_ip) FROM servers s),
                (SELECT string_agg(r::text, ',' ORDER BY r.server_ip) FROM server_refresh_state r),
                (SELECT max(requested_at)::text FROM refresh_request_targets),
                (SELECT max(finished_at)::text FROM refresh_request_targets WHERE outcome IS NOT NULL))) AS fingerprint""";

    private final Pool pool;
    private final FleetPageConfig config;

    public FleetChanges(Pool pool, FleetPageConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Fingerprints, each different from the one before; a failed read is skipped and tried at the next tick. */
    public Multi<String> stream() {
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(0L),
                        Multi.createFrom().ticks().every(config.changePollInterval()).onOverflow().drop())
                .onItem().transformToUniAndConcatenate(tick -> fingerprint()
                        .onFailure().recoverWithNull())
                .skip().repetitions();
    }

    private Uni<String> fingerprint() {
        return pool.query(FINGERPRINT).execute().map(rows -> rows.iterator().next().getString("fingerprint"));
    }
}
