package io.dialfleet.api.bridge;

import java.util.Set;

/**
 * One row of VICIdial's {@code vicidial_admin_log} about a phone or an alias, as admin.php writes it: section
 * {@code PHONES} or {@code PHONEALIASES}; {@code record_id} the phone's extension (ADD, MODIFY, DELETE; the new
 * extension after a MODIFY), {@code <extension>-<server_ip>} for a COPY, or the alias id.
 */
public record AdminLogRow(long id, String user, String ipAddress, String section, String type, String recordId) {

    public static final String PHONES = "PHONES";
    public static final String ALIASES = "PHONEALIASES";

    public boolean isPhone() {
        return PHONES.equals(section);
    }

    /**
     * The extensions this row may be about: the record id itself and, for a COPY's {@code <extension>-<server_ip>},
     * the part before the last dash (an extension may itself contain dashes, so both are compared).
     */
    public Set<String> extensions() {
        int dash = recordId.lastIndexOf('-');
        return dash > 0 ? Set.of(recordId, recordId.substring(0, dash)) : Set.of(recordId);
    }
}
