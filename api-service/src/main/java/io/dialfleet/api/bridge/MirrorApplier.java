package io.dialfleet.api.bridge;

import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.RenderMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
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
        DialfleetRows.State state = dialfleet.read(phones, aliases, byKey.keySet());
        Map<SyncKey, Map<String, Object>> rows = state.rows();
        Map<SyncKey, String> bases = state.bases();
        Map<String, RenderMode> renderModes = state.renderModes();

        Map<SyncKey, String> written = new LinkedHashMap<>();
        List<SyncKey> deleted = new ArrayList<>();
        List<Map<String, Object>> phoneRows = new ArrayList<>();
        List<Map<String, Object>> aliasRows = new ArrayList<>();
        List<VicidialRows.PhoneKey> phoneDeletes = new ArrayList<>();
        List<String> aliasDeletes = new ArrayList<>();
        Set<String> rebuild = new LinkedHashSet<>();
        int unchanged = 0;
        for (var entry : byKey.entrySet()) {
            SyncKey key = entry.getKey();
            MirrorTarget target = entry.getValue();
            boolean phone = target.entity() == ChangeEntity.PHONE;
            Map<String, Object> row = rows.get(key);
            if (row == null) {
                deleted.add(key);
                if (phone) {
                    phoneDeletes.add(new VicidialRows.PhoneKey(target.serverIp(), target.extension()));
                } else {
                    aliasDeletes.add(target.aliasId());
                }
            } else {
                String digest = SyncDigest.of(row, phone ? OwnedColumns.PHONE : OwnedColumns.ALIAS);
                if (digest.equals(bases.get(key))) {
                    unchanged++;
                    continue;
                }
                written.put(key, digest);
                (phone ? phoneRows : aliasRows).add(row);
            }
            if (phone && renderModes.get(DialfleetRows.serverKey(target.serverIp())) == RenderMode.VICIDIAL) {
                rebuild.add(target.serverIp());
            }
        }
        mysql.run(connection -> {
            vicidial.upsertPhones(connection, phoneRows);
            vicidial.deletePhones(connection, phoneDeletes);
            vicidial.upsertAliases(connection, aliasRows);
            vicidial.deleteAliases(connection, aliasDeletes);
            vicidial.raiseRebuild(connection, rebuild);
            return null;
        });
        dialfleet.recordSync(written, deleted);
        return new Applied(written.size(), deleted.size(), unchanged);
    }
}
