package io.dialfleet.api.bridge;

import io.dialfleet.events.ChangeEntity;
import io.dialfleet.events.PhoneChanged;

/**
 * What one change event names: a phone (server and extension) or an alias. The event is only a trigger; the
 * forward mirror reads the target's current row.
 */
public record MirrorTarget(ChangeEntity entity, String serverIp, String extension, String aliasId) {

    public static MirrorTarget of(PhoneChanged event) {
        return event.entity() == ChangeEntity.PHONE
                ? phone(event.serverIp(), event.extension())
                : alias(event.aliasId());
    }

    public static MirrorTarget phone(String serverIp, String extension) {
        return new MirrorTarget(ChangeEntity.PHONE, serverIp, extension, null);
    }

    public static MirrorTarget alias(String aliasId) {
        return new MirrorTarget(ChangeEntity.ALIAS, null, null, aliasId);
    }

    public SyncKey syncKey() {
        return entity == ChangeEntity.PHONE ? SyncKey.phone(serverIp, extension) : SyncKey.alias(aliasId);
    }

    boolean complete() {
        return entity == ChangeEntity.PHONE ? serverIp != null && extension != null : aliasId != null;
    }
}
