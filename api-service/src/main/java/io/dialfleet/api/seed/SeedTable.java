package io.dialfleet.api.seed;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tables a seed document may fill, in the order rows are inserted; replace mode empties them in the reverse
 * order. Each has its natural key (the merge mode's conflict target) and the dialfleet-internal columns a seed
 * may not set.
 */
public enum SeedTable {

    /** One row: its columns are updated, never inserted. */
    SYSTEM_SETTINGS("system_settings", List.of(), Set.of("settings_id")),
    VICIDIAL_USER_GROUPS("vicidial_user_groups", List.of("user_group"), Set.of()),
    VICIDIAL_USERS("vicidial_users", List.of("user"), Set.of("user_id")),
    VICIDIAL_IP_LISTS("vicidial_ip_lists", List.of("ip_list_id"), Set.of()),
    VICIDIAL_IP_LIST_ENTRIES("vicidial_ip_list_entries", List.of("ip_list_id", "ip_address"), Set.of()),
    /** {@code config_revision} is dialfleet's: agents compare it with what they applied, so a seed never sets it. */
    SERVERS("servers", List.of("server_ip"), Set.of("config_revision")),
    VICIDIAL_CONF_TEMPLATES("vicidial_conf_templates", List.of("template_id"), Set.of()),
    PHONES("phones", List.of("extension", "server_ip"), Set.of("phone_id")),
    PHONES_ALIAS("phones_alias", List.of("alias_id"), Set.of());

    private final String tableName;
    private final List<String> naturalKey;
    private final Set<String> internalColumns;

    SeedTable(String tableName, List<String> naturalKey, Set<String> internalColumns) {
        this.tableName = tableName;
        this.naturalKey = naturalKey;
        this.internalColumns = internalColumns;
    }

    public static Optional<SeedTable> byName(String tableName) {
        for (SeedTable table : values()) {
            if (table.tableName.equals(tableName)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /** VICIdial's name, which is also the document's key and the PostgreSQL table. */
    public String tableName() {
        return tableName;
    }

    /** Empty for {@link #SYSTEM_SETTINGS}, which has exactly one row. */
    public List<String> naturalKey() {
        return naturalKey;
    }

    public boolean isInternal(String column) {
        return internalColumns.contains(column);
    }

    /** The one-row table is written as a JSON object, every other table as an array of objects. */
    public boolean isSingleRow() {
        return this == SYSTEM_SETTINGS;
    }
}
