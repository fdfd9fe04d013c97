-- Exports a VICIdial database as a dialfleet fleet seed (shared spec: docs/spec/seed-format.md), one JSON document on stdout:
--
--   mariadb -N -B --raw --default-character-set=utf8mb4 asterisk < docs/vicidial-export.sql > fleet-seed.json
--
-- (MariaDB 10.5+ or MySQL 8.0.14+, for JSON_ARRAYAGG; `asterisk` is VICIdial's usual database name.) Then import
-- fleet-seed.json into dialfleet: docs/operations.md, "Importing an existing VICIdial database".
--
-- Only the columns dialfleet keeps are selected: a seed naming any other column is refused. Each row goes through
-- JSON_MERGE_PATCH('{}', ...), which leaves out the columns that are NULL, so that they take dialfleet's default
-- (dialfleet's columns are NOT NULL where VICIdial's schema default is a value). Edit the WHERE clauses
-- to export a part of the fleet (for example the phones of the servers dialfleet takes over), and the servers'
-- generate_vicidial_conf: in dialfleet, 'Y' (with active_asterisk_server 'Y') means "dialfleet's refresh-agent
-- writes this server's phone files".

-- JSON_ARRAYAGG is cut at group_concat_max_len (1 MB by default), which a few thousand phones exceed.
SET SESSION group_concat_max_len = 1073741824;

SELECT JSON_OBJECT(
  'system_settings', (
    SELECT JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'use_non_latin', use_non_latin, 'pass_hash_enabled', pass_hash_enabled, 'allow_web_debug', allow_web_debug,
      'allow_ip_lists', allow_ip_lists, 'system_ip_blacklist', system_ip_blacklist, 'pass_key', pass_key,
      'pass_cost', pass_cost, 'default_codecs', default_codecs, 'default_local_gmt', default_local_gmt,
      'webroot_writable', webroot_writable))
    FROM system_settings LIMIT 1),

  'vicidial_user_groups', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'user_group', user_group, 'group_name', group_name, 'admin_viewable_groups', admin_viewable_groups,
      'admin_ip_list', admin_ip_list, 'agent_ip_list', agent_ip_list, 'api_ip_list', api_ip_list,
      'allowed_campaigns', allowed_campaigns)))
    FROM vicidial_user_groups), JSON_ARRAY()),

  -- Users with a VICIdial hash (pass_hash_enabled was on) keep it in pass_hash; the others give their plain pass,
  -- which dialfleet stores as bcrypt. Only users who can call the phone functions (docs/spec/non-agent-api.md §4.7) or open
  -- the JSON API are exported: agents have no business in dialfleet.
  'vicidial_users', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}',
      JSON_OBJECT(
        'user', user, 'full_name', full_name, 'user_level', user_level, 'user_group', user_group,
        'phone_login', phone_login, 'phone_pass', phone_pass, 'active', active,
        'ast_admin_access', ast_admin_access, 'ast_delete_phones', ast_delete_phones,
        'vdc_agent_api_access', vdc_agent_api_access, 'modify_phones', modify_phones,
        'modify_servers', modify_servers, 'api_only_user', api_only_user, 'api_list_restrict', api_list_restrict,
        'api_allowed_functions', api_allowed_functions, 'ignore_ip_list', ignore_ip_list),
      IF(pass_hash <> '', JSON_OBJECT('pass_hash', pass_hash), JSON_OBJECT('pass', pass))))
    FROM vicidial_users
    WHERE ast_admin_access = '1' AND user_level >= 8 AND (vdc_agent_api_access = '1' OR user_level = 9)), JSON_ARRAY()),

  'vicidial_ip_lists', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'ip_list_id', ip_list_id, 'ip_list_name', ip_list_name, 'active', active, 'user_group', user_group)))
    FROM vicidial_ip_lists), JSON_ARRAY()),

  'vicidial_ip_list_entries', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT('ip_list_id', ip_list_id, 'ip_address', ip_address)))
    FROM vicidial_ip_list_entries), JSON_ARRAY()),

  'servers', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'server_id', server_id, 'server_description', server_description, 'server_ip', server_ip, 'active', active,
      'asterisk_version', asterisk_version, 'max_vicidial_trunks', max_vicidial_trunks, 'local_gmt', local_gmt,
      'active_asterisk_server', active_asterisk_server, 'generate_vicidial_conf', generate_vicidial_conf,
      'rebuild_conf_files', 'N', 'conf_secret', conf_secret, 'conf_qualify', conf_qualify,
      'external_server_ip', external_server_ip)))
    FROM servers), JSON_ARRAY()),

  'vicidial_conf_templates', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'template_id', template_id, 'template_name', template_name, 'template_contents', template_contents,
      'user_group', user_group)))
    FROM vicidial_conf_templates), JSON_ARRAY()),

  'phones', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'extension', extension, 'dialplan_number', dialplan_number, 'voicemail_id', voicemail_id,
      'phone_ip', phone_ip, 'computer_ip', computer_ip, 'server_ip', server_ip, 'login', login, 'pass', pass,
      'status', status, 'active', active, 'phone_type', phone_type, 'fullname', fullname, 'company', company,
      'picture', picture, 'messages', messages, 'old_messages', old_messages, 'protocol', protocol,
      'local_gmt', local_gmt, 'ext_context', ext_context, 'install_directory', install_directory,
      'outbound_cid', outbound_cid, 'email', email, 'template_id', template_id, 'conf_override', conf_override,
      'phone_context', phone_context, 'phone_ring_timeout', phone_ring_timeout, 'conf_secret', conf_secret,
      'delete_vm_after_email', delete_vm_after_email, 'is_webphone', is_webphone,
      'use_external_server_ip', use_external_server_ip, 'codecs_list', codecs_list,
      'codecs_with_template', codecs_with_template, 'webphone_dialpad', webphone_dialpad,
      'on_hook_agent', on_hook_agent, 'webphone_auto_answer', webphone_auto_answer,
      'voicemail_timezone', voicemail_timezone, 'voicemail_options', voicemail_options, 'user_group', user_group,
      'voicemail_greeting', voicemail_greeting, 'voicemail_dump_exten', voicemail_dump_exten,
      'voicemail_dump_exten_no_inst', voicemail_dump_exten_no_inst, 'voicemail_instructions', voicemail_instructions,
      'on_login_report', on_login_report, 'unavail_dialplan_fwd_exten', unavail_dialplan_fwd_exten,
      'unavail_dialplan_fwd_context', unavail_dialplan_fwd_context, 'outbound_alt_cid', outbound_alt_cid,
      'conf_qualify', conf_qualify, 'webphone_layout', webphone_layout, 'mohsuggest', mohsuggest,
      'peer_status', peer_status, 'ping_time', ping_time, 'webphone_settings', webphone_settings)))
    FROM phones), JSON_ARRAY()),

  'phones_alias', COALESCE((
    SELECT JSON_ARRAYAGG(JSON_MERGE_PATCH('{}', JSON_OBJECT(
      'alias_id', alias_id, 'alias_name', alias_name, 'logins_list', logins_list, 'user_group', user_group)))
    FROM phones_alias), JSON_ARRAY())
) AS seed;
