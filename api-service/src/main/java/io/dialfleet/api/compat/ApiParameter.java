package io.dialfleet.api.compat;

/** Every request parameter the phone functions read, with its filter (docs/spec/non-agent-api.md §3.1). */
public enum ApiParameter {
    USER("user", CharacterFilter.WORD),
    PASS("pass", CharacterFilter.WORD),
    AGENT_USER("agent_user", CharacterFilter.WORD),
    FUNCTION("function", CharacterFilter.WORD),
    SOURCE("source", CharacterFilter.ALPHANUMERIC),
    FORMAT("format", CharacterFilter.ALPHANUMERIC),
    PROTOCOL("protocol", CharacterFilter.ALPHANUMERIC),
    /** Read and filtered, never acted upon (D6). */
    DB("DB", CharacterFilter.DIGITS),
    STAGE("stage", CharacterFilter.WORD),
    EXTENSION("extension", CharacterFilter.WORD),
    PHONE_LOGIN("phone_login", CharacterFilter.WORD),
    PHONE_PASS("phone_pass", CharacterFilter.WORD),
    REGISTRATION_PASSWORD("registration_password", CharacterFilter.WORD),
    PHONE_CONTEXT("phone_context", CharacterFilter.WORD),
    ADMIN_USER_GROUP("admin_user_group", CharacterFilter.WORD),
    ALIAS_ID("alias_id", CharacterFilter.WORD),
    DIALPLAN_NUMBER("dialplan_number", CharacterFilter.DIALPLAN),
    VOICEMAIL_ID("voicemail_id", CharacterFilter.ALPHANUMERIC),
    OUTBOUND_ALT_CID("outbound_alt_cid", CharacterFilter.ALPHANUMERIC),
    SERVER_IP("server_ip", CharacterFilter.SERVER_IP),
    LOCAL_GMT("local_gmt", CharacterFilter.TIMEZONE),
    OUTBOUND_CID("outbound_cid", CharacterFilter.CALLER_ID),
    PHONE_FULL_NAME("phone_full_name", CharacterFilter.FULL_NAME),
    EMAIL("email", CharacterFilter.EMAIL),
    ALIAS_NAME("alias_name", CharacterFilter.ALIAS_NAME),
    PHONE_LOGINS("phone_logins", CharacterFilter.LOGIN_LIST),
    ACTIVE("active", CharacterFilter.UPPERCASE),
    DELETE_PHONE("delete_phone", CharacterFilter.UPPERCASE),
    DELETE_ALIAS("delete_alias", CharacterFilter.UPPERCASE),
    PHONE_RING_TIMEOUT("phone_ring_timeout", CharacterFilter.DIGITS),
    DELETE_VM_AFTER_EMAIL("delete_vm_after_email", CharacterFilter.LETTERS),
    IS_WEBPHONE("is_webphone", CharacterFilter.WORD),
    WEBPHONE_AUTO_ANSWER("webphone_auto_answer", CharacterFilter.WORD),
    USE_EXTERNAL_SERVER_IP("use_external_server_ip", CharacterFilter.WORD),
    ON_HOOK_AGENT("on_hook_agent", CharacterFilter.WORD),
    TEMPLATE_ID("template_id", CharacterFilter.WORD);

    private final String wireName;
    private final CharacterFilter filter;

    ApiParameter(String wireName, CharacterFilter filter) {
        this.wireName = wireName;
        this.filter = filter;
    }

    public String wireName() {
        return wireName;
    }

    String filter(String decoded) {
        return filter.apply(decoded);
    }
}
