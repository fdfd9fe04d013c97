package io.dialfleet.api.bridge;

import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.RenderMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of the forward mirror: brings VICIdial's MySQL to dialfleet's current state for a set of phones and
 * aliases. Per target: dialfleet has no row → delete it in MySQL and drop its sync base; dialfleet's row equals the
 * sync base → nothing of dialfleet's is waiting (an event already mirrored, or a change that came from VICIdial),
 * leave MySQL alone; otherwise upsert the owned columns and set the base to the row's digest. The base is written
 * only after MySQL accepted every statement, so a failure anywhere leaves it to the retry.
 */
@ApplicationScoped
public class MirrorApplier {

    /** What one step did. */
    public record Applied(int written, int deleted, int unchanged) {
    }

    private final DialfleetRows dialfleet;
    private final VicidialRows vicidial;

    public MirrorApplier(DialfleetRows dialfleet, VicidialRows vicidial) {
        this.dialfleet = dialfleet;
        this.vicidial = vicidial;
    }

    public Applied apply(VicidialConnection mysql, Collection<MirrorTarget> targets) throws SQLException {
        Map<SyncKey, MirrorTarget> byKey = new LinkedHashMap<>();
        for (MirrorTarget target : targets) {
            byKey.putIfAbsent(target.syncKey(), target);
        }
        List<MirrorTarget> phones = byKey.values().stream().filter(t -> t.entity() == ChangeEntity.PHONE).toList();
        List<MirrorTarget> aliases = byKey.values().stream().filter(t -> t.entity() == ChangeEntity.ALIAS).toList();
        Map<SyncKey, Map<String, Object>> rows = new HashMap<>(dialfleet.phones(phones));
        rows.putAll(dialfleet.aliases(aliases));
        Map<SyncKey, String> bases = dialfleet.baseDigests(byKey.keySet());
        Map<String, RenderMode> renderModes = dialfleet.renderModes(
                phones.stream().map(MirrorTarget::serverIp).distinct().toList());

        Map<SyncKey, String> written = new LinkedHashMap<>();
        List<SyncKey> deleted = new ArrayList<>();
        Set<String> rebuild = new LinkedHashSet<>();
        int unchanged = mysql.run(connection -> {
            int same = 0;
            for (var entry : byKey.entrySet()) {
                SyncKey key = entry.getKey();
                MirrorTarget target = entry.getValue();
                Map<String, Object> row = rows.get(key);
                if (row == null) {
                    delete(connection, target);
                    deleted.add(key);
                } else {
                    String digest = SyncDigest.of(row, target.entity() == ChangeEntity.PHONE
                            ? OwnedColumns.PHONE : OwnedColumns.ALIAS);
                    if (digest.equals(bases.get(key))) {
                        same++;
                        continue;
                    }
                    upsert(connection, target, row);
                    written.put(key, digest);
                }
                if (target.entity() == ChangeEntity.PHONE
                        && renderModes.get(DialfleetRows.serverKey(target.serverIp())) == RenderMode.VICIDIAL) {
                    rebuild.add(target.serverIp());
                }
            }
            for (String serverIp : rebuild) {
                vicidial.raiseRebuild(connection, serverIp);
            }
            return same;
        });
        dialfleet.recordSync(written, deleted);
        return new Applied(written.size(), deleted.size(), unchanged);
    }

    private void delete(Connection connection, MirrorTarget target) throws SQLException {
        if (target.entity() == ChangeEntity.PHONE) {
            vicidial.deletePhone(connection, target.serverIp(), target.extension());
        } else {
            vicidial.deleteAlias(connection, target.aliasId());
        }
    }

    private void upsert(Connection connection, MirrorTarget target, Map<String, Object> row) throws SQLException {
        if (target.entity() == ChangeEntity.PHONE) {
            vicidial.upsertPhone(connection, row);
        } else {
            vicidial.upsertAlias(connection, row);
        }
    }
}
