package io.dialfleet.api.bridge;

import java.util.Locale;

/**
 * A row's key in {@code vicidial_sync}. Both databases compare keys case-insensitively, so the key is lower-cased:
 * extensions {@code AB1} and {@code ab1} of one server name one row.
 *
 * @param entity {@code phone} or {@code alias}
 * @param key    {@code <server_ip>/<extension>} or the alias id, lower case
 */
public record SyncKey(String entity, String key) {

    public static final String PHONE = "phone";
    public static final String ALIAS = "alias";

    public static SyncKey phone(String serverIp, String extension) {
        return new SyncKey(PHONE, (serverIp + "/" + extension).toLowerCase(Locale.ROOT));
    }

    public static SyncKey alias(String aliasId) {
        return new SyncKey(ALIAS, aliasId.toLowerCase(Locale.ROOT));
    }
}
