package io.dialfleet.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Audit event on {@link Topics#PHONE_CHANGES}. Secret columns ({@link #SECRET_COLUMNS}) are named in
 * {@code changedFields} but their values in {@code before}/{@code after} are always {@link #MASK}.
 *
 * @param changeSeq the outbox sequence: global and strictly increasing per database
 * @param revision  {@code servers.config_revision} after this change; phones only
 */
public record PhoneChanged(
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        long changeSeq,
        ChangeAction action,
        ChangeEntity entity,
        String serverIp,
        String extension,
        String aliasId,
        Long revision,
        Actor actor,
        List<String> changedFields,
        Map<String, Object> before,
        Map<String, Object> after) {

    public static final int SCHEMA_VERSION = 1;
    public static final String MASK = "***";
    public static final List<String> SECRET_COLUMNS = List.of("pass", "conf_secret");

    public String recordKey() {
        return entity == ChangeEntity.PHONE ? Topics.phoneKey(serverIp, extension) : Topics.aliasKey(aliasId);
    }

    public String ceType() {
        return CloudEvents.changeType(entity, action);
    }
}
