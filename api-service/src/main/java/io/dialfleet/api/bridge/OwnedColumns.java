package io.dialfleet.api.bridge;

import java.util.List;

/**
 * The columns of VICIdial's {@code phones} and {@code phones_alias} that dialfleet owns: every column both sides
 * have, except those a running VICIdial writes itself. The bridge writes, reads and compares only these; an insert
 * leaves every other column to MySQL's defaults, as VICIdial's own add_phone does.
 */
public final class OwnedColumns {

    /**
     * Written by VICIdial's processes at run time, never by dialfleet: {@code phone_ip} (AST_phone_update.pl,
     * AST_manager_listen_AMI2.pl), {@code computer_ip} (the agent screen at login), {@code messages} and
     * {@code old_messages} (AST_vm_update.pl), {@code peer_status} and {@code ping_time}
     * (AST_manager_listen_AMI2.pl).
     */
    public static final List<String> PHONE_RUNTIME = List.of("phone_ip", "computer_ip", "messages", "old_messages",
            "peer_status", "ping_time");

    /** dialfleet's {@code phones} columns (but its internal {@code phone_id}) minus {@link #PHONE_RUNTIME}. */
    public static final List<String> PHONE = List.of("extension", "dialplan_number", "voicemail_id", "server_ip",
            "login", "pass", "status", "active", "phone_type", "fullname", "company", "picture", "protocol",
            "local_gmt", "ext_context", "install_directory", "outbound_cid", "email", "template_id", "conf_override",
            "phone_context", "phone_ring_timeout", "conf_secret", "delete_vm_after_email", "is_webphone",
            "use_external_server_ip", "codecs_list", "codecs_with_template", "webphone_dialpad", "on_hook_agent",
            "webphone_auto_answer", "voicemail_timezone", "voicemail_options", "user_group", "voicemail_greeting",
            "voicemail_dump_exten", "voicemail_dump_exten_no_inst", "voicemail_instructions", "on_login_report",
            "unavail_dialplan_fwd_exten", "unavail_dialplan_fwd_context", "outbound_alt_cid", "conf_qualify",
            "webphone_layout", "mohsuggest", "webphone_settings");

    /** The phone's key in both databases (unique index {@code extenserver} in VICIdial's). */
    public static final List<String> PHONE_KEY = List.of("extension", "server_ip");

    /** All four columns of {@code phones_alias}; the key is {@code alias_id}. */
    public static final List<String> ALIAS = List.of("alias_id", "alias_name", "logins_list", "user_group");

    private OwnedColumns() {
    }
}
