package io.dialfleet.api.compat;

import io.dialfleet.events.PhoneChanged;
import java.util.Arrays;
import java.util.List;

/**
 * The phone fields of add_phone and update_phone, one row each: the request parameter (which carries its character
 * filter, {@link ApiParameter}), the {@code phones} column it fills, the width D3 cuts it to, what add_phone does
 * with it (docs/spec/non-agent-api.md §5.1, §5.3, §5.4) and update_phone's rule with its reply reason (§6.2). Rows that
 * update_phone validates come first, in §6.2's order, which is the order it checks them in.
 */
enum PhoneField {
    LOCAL_GMT(ApiParameter.LOCAL_GMT, "local_gmt", 6, AddRule.required(),
            UpdateRule.of(UpdateRule.Kind.TIMEZONE, "YOU MUST USE A VALID TIMEZONE")),
    EMAIL(ApiParameter.EMAIL, "email", 100, AddRule.orElse(""),
            UpdateRule.blankOrLength(5, 300, "YOU MUST USE A VALID EMAIL")),
    PHONE_CONTEXT(ApiParameter.PHONE_CONTEXT, "phone_context", 20, AddRule.orElse("default"),
            UpdateRule.blankOrLength(2, 30, "YOU MUST USE A VALID PHONE CONTEXT")),
    PHONE_FULL_NAME(ApiParameter.PHONE_FULL_NAME, "fullname", 50, AddRule.required(),
            UpdateRule.blankOrLength(2, 30, "YOU MUST USE A VALID PHONE NAME")),
    REGISTRATION_PASSWORD(ApiParameter.REGISTRATION_PASSWORD, "conf_secret", 100, AddRule.required(),
            UpdateRule.blankOrLength(2, 30, "YOU MUST USE A VALID REGISTRATION PASSWORD")),
    /** Never cut: every value the rules accept fits. */
    PROTOCOL(ApiParameter.PROTOCOL, "protocol", 0, AddRule.required(),
            UpdateRule.of(UpdateRule.Kind.PROTOCOL, "YOU MUST USE A VALID PROTOCOL")),
    PHONE_PASS(ApiParameter.PHONE_PASS, "pass", 100, AddRule.required(),
            UpdateRule.length(2, 30, "YOU MUST USE A VALID PHONE PASSWORD")),
    /** update_phone cuts it before its check, which compares it with stored logins (D3). */
    PHONE_LOGIN(ApiParameter.PHONE_LOGIN, "login", 15, AddRule.required(),
            UpdateRule.of(UpdateRule.Kind.LOGIN_FREE, "LOGIN ALREADY EXISTS")),
    VOICEMAIL_ID(ApiParameter.VOICEMAIL_ID, "voicemail_id", 10, AddRule.required(),
            UpdateRule.length(2, 30, "YOU MUST USE A VALID VOICEMAIL NUMBER")),
    DIALPLAN_NUMBER(ApiParameter.DIALPLAN_NUMBER, "dialplan_number", 20, AddRule.requiredFrom(2),
            UpdateRule.length(3, 30, "YOU MUST USE A VALID DIALPLAN NUMBER")),
    ACTIVE(ApiParameter.ACTIVE, "active", 0, AddRule.notRead(),
            UpdateRule.of(UpdateRule.Kind.Y_OR_N, "ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD")),
    OUTBOUND_CID(ApiParameter.OUTBOUND_CID, "outbound_cid", 20, AddRule.required(),
            UpdateRule.length(6, 18, "OUTBOUND CID MUST BE FROM 6 TO 18 DIGITS, THIS IS AN OPTIONAL FIELD")),
    ADMIN_USER_GROUP(ApiParameter.ADMIN_USER_GROUP, "user_group", 20, AddRule.orElse("---ALL---"),
            UpdateRule.length(2, 20, "USER GROUP MUST BE FROM 2 TO 20 CHARACTERS, THIS IS AN OPTIONAL FIELD")),
    OUTBOUND_ALT_CID(ApiParameter.OUTBOUND_ALT_CID, "outbound_alt_cid", 20, AddRule.notRead(),
            UpdateRule.length(6, 18, "OUTBOUND ALT CID MUST BE FROM 6 TO 18 DIGITS, THIS IS AN OPTIONAL FIELD")),
    /** Stored as a number, so never cut. */
    PHONE_RING_TIMEOUT(ApiParameter.PHONE_RING_TIMEOUT, "phone_ring_timeout", 0, AddRule.notRead(),
            UpdateRule.of(UpdateRule.Kind.RING_TIMEOUT,
                    "PHONE RING TIMEOUT MUST BE FROM 2 TO 180 SECONDS, THIS IS AN OPTIONAL FIELD")),
    DELETE_VM_AFTER_EMAIL(ApiParameter.DELETE_VM_AFTER_EMAIL, "delete_vm_after_email", 0, AddRule.notRead(),
            UpdateRule.of(UpdateRule.Kind.Y_OR_N,
                    "DELETE VOICEMAIL AFTER EMAIL MUST BE Y OR N, THIS IS AN OPTIONAL FIELD")),
    /** Identifies a template, so never cut (D3). */
    TEMPLATE_ID(ApiParameter.TEMPLATE_ID, "template_id", 0, AddRule.of(AddRule.Kind.TEMPLATE),
            UpdateRule.of(UpdateRule.Kind.TEMPLATE, "TEMPLATE ID DOES NOT EXIST, THIS IS AN OPTIONAL FIELD")),
    /** With {@link #SERVER_IP} the phone's key: update_phone finds the phone by it and never changes it. */
    EXTENSION(ApiParameter.EXTENSION, "extension", 100, AddRule.requiredFrom(2), UpdateRule.key()),
    /** Identifies a server, so never cut (D3). */
    SERVER_IP(ApiParameter.SERVER_IP, "server_ip", 0, AddRule.required(), UpdateRule.key()),
    IS_WEBPHONE(ApiParameter.IS_WEBPHONE, "is_webphone", 0, AddRule.flag(), UpdateRule.flag("Y", "N", "Y_API_LAUNCH")),
    WEBPHONE_AUTO_ANSWER(ApiParameter.WEBPHONE_AUTO_ANSWER, "webphone_auto_answer", 0, AddRule.flag(),
            UpdateRule.flag("Y", "N")),
    USE_EXTERNAL_SERVER_IP(ApiParameter.USE_EXTERNAL_SERVER_IP, "use_external_server_ip", 0, AddRule.flag(),
            UpdateRule.flag("Y", "N")),
    ON_HOOK_AGENT(ApiParameter.ON_HOOK_AGENT, "on_hook_agent", 0, AddRule.flag(), UpdateRule.flag("Y", "N"));

    /** update_phone's checks (§6.2), in the order it applies them. */
    static final List<PhoneField> UPDATE_CHECKS = Arrays.stream(values())
            .filter(field -> field.update().isCheck())
            .toList();

    /** The four webphone flags (§5.3), which both functions take alike. */
    static final List<PhoneField> FLAGS = Arrays.stream(values())
            .filter(field -> field.update().kind() == UpdateRule.Kind.FLAG)
            .toList();

    private final ApiParameter parameter;
    private final String column;
    private final int width;
    private final AddRule add;
    private final UpdateRule update;

    PhoneField(ApiParameter parameter, String column, int width, AddRule add, UpdateRule update) {
        this.parameter = parameter;
        this.column = column;
        this.width = width;
        this.add = add;
        this.update = update;
    }

    ApiParameter parameter() {
        return parameter;
    }

    /** The {@code phones} column. */
    String column() {
        return column;
    }

    /** D3's width; 0 for a value that is never cut. */
    int width() {
        return width;
    }

    AddRule add() {
        return add;
    }

    UpdateRule update() {
        return update;
    }

    /** The value cut to this field's column (D3); a value never cut is returned as it is. */
    String cut(String value) {
        return width > 0 ? ColumnWidth.cut(value, width) : value;
    }

    /**
     * The value as the API log keeps it: the phone's two passwords masked (issue 9: no password at rest outside the
     * table that must hold it), while the reply still echoes them as VICIdial does. Empty stays empty.
     */
    String logged(String value) {
        boolean secret = this == PHONE_PASS || this == REGISTRATION_PASSWORD;
        return secret && !value.isEmpty() ? PhoneChanged.MASK : value;
    }
}
