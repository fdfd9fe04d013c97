package io.dialfleet.api.compat;

/**
 * The fields of add_phone_alias and update_phone_alias (docs/spec/non-agent-api.md §7): the request parameter, the
 * {@code phones_alias} column it fills and the width D3 cuts it to.
 */
enum AliasField {
    ALIAS_ID(ApiParameter.ALIAS_ID, "alias_id", 20),
    ALIAS_NAME(ApiParameter.ALIAS_NAME, "alias_name", 50),
    PHONE_LOGINS(ApiParameter.PHONE_LOGINS, "logins_list", 255);

    private final ApiParameter parameter;
    private final String column;
    private final int width;

    AliasField(ApiParameter parameter, String column, int width) {
        this.parameter = parameter;
        this.column = column;
        this.width = width;
    }

    ApiParameter parameter() {
        return parameter;
    }

    String column() {
        return column;
    }

    int width() {
        return width;
    }

    String cut(String value) {
        return ColumnWidth.cut(value, width);
    }
}
