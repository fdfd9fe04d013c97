package io.dialfleet.api.repository;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code phones} row: its values by column name, in the table's column order when read and without the internal
 * {@code phone_id} (the form audit events carry); or, for a write, the columns it sets, in the order given. Values
 * are what the reactive client returns and binds (a String, a Short for {@code phone_ring_timeout}, an Integer, or
 * null). Columns are open-ended on purpose: the bridge and the seed carry every column VICIdial has.
 */
public record PhoneRow(Map<String, Object> columns) {

    public PhoneRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public String extension() {
        return text("extension");
    }

    public String serverIp() {
        return text("server_ip");
    }

    public String login() {
        return text("login");
    }

    public String userGroup() {
        return text("user_group");
    }

    public Object get(String column) {
        return columns.get(column);
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    private String text(String column) {
        return (String) columns.get(column);
    }
}
