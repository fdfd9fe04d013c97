-- VICIdial's tables as the Non-Agent API phone functions and conf generation use them (2024 schema).
-- Names, widths and defaults follow VICIdial so that an import from its MySQL maps one to one
-- (docs/spec/non-agent-api.md §10). MySQL's utf8_unicode_ci makes some comparisons case-insensitive; those
-- columns are citext, with the VARCHAR width kept as a CHECK. ENUMs are VARCHAR with a CHECK.

CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE system_settings (
    settings_id        SMALLINT PRIMARY KEY DEFAULT 1 CHECK (settings_id = 1),
    use_non_latin      VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (use_non_latin IN ('0', '1')),
    pass_hash_enabled  VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (pass_hash_enabled IN ('0', '1')),
    allow_web_debug    VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (allow_web_debug IN ('0', '1', '2', '3', '4', '5', '6')),
    allow_ip_lists     VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (allow_ip_lists IN ('0', '1', '2')),
    system_ip_blacklist VARCHAR(30) NOT NULL DEFAULT '',
    pass_key           VARCHAR(100) NOT NULL DEFAULT '',
    pass_cost          SMALLINT     NOT NULL DEFAULT 2,
    reload_timestamp   TIMESTAMP(0),
    default_codecs     VARCHAR(100) NOT NULL DEFAULT '',
    default_local_gmt  VARCHAR(6)   NOT NULL DEFAULT '-5.00',
    webroot_writable   VARCHAR(1)   NOT NULL DEFAULT '1' CHECK (webroot_writable IN ('0', '1'))
);
INSERT INTO system_settings (settings_id) VALUES (1);

CREATE TABLE vicidial_user_groups (
    user_group            CITEXT PRIMARY KEY CHECK (length(user_group) <= 20),
    group_name            VARCHAR(40)  NOT NULL DEFAULT '',
    admin_viewable_groups TEXT,
    admin_ip_list         VARCHAR(30)  NOT NULL DEFAULT '',
    agent_ip_list         VARCHAR(30)  NOT NULL DEFAULT '',
    api_ip_list           VARCHAR(30)  NOT NULL DEFAULT '',
    allowed_campaigns     TEXT
);

CREATE TABLE vicidial_users (
    user_id               BIGSERIAL PRIMARY KEY,
    "user"                CITEXT NOT NULL UNIQUE CHECK (length("user") <= 20),
    pass_hash             VARCHAR(500) NOT NULL DEFAULT '',
    full_name             VARCHAR(50)  NOT NULL DEFAULT '',
    user_level            SMALLINT     NOT NULL DEFAULT 1,
    user_group            CITEXT CHECK (length(user_group) <= 20),
    phone_login           VARCHAR(20)  NOT NULL DEFAULT '',
    phone_pass            VARCHAR(100) NOT NULL DEFAULT '',
    active                VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (active IN ('Y', 'N')),
    ast_admin_access      VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (ast_admin_access IN ('0', '1')),
    ast_delete_phones     VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (ast_delete_phones IN ('0', '1')),
    vdc_agent_api_access  VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (vdc_agent_api_access IN ('0', '1')),
    modify_phones         VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (modify_phones IN ('0', '1')),
    modify_servers        VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (modify_servers IN ('0', '1')),
    api_only_user         VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (api_only_user IN ('0', '1')),
    api_list_restrict     VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (api_list_restrict IN ('0', '1')),
    api_allowed_functions VARCHAR(1000) NOT NULL DEFAULT ' ALL_FUNCTIONS ',
    failed_login_count    SMALLINT     NOT NULL DEFAULT 0,
    last_login_date       TIMESTAMP(0) NOT NULL DEFAULT '2001-01-01 00:00:01',
    last_ip               VARCHAR(15)  NOT NULL DEFAULT '',
    ignore_ip_list        VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (ignore_ip_list IN ('1', '0'))
);

CREATE TABLE vicidial_ip_lists (
    ip_list_id   CITEXT PRIMARY KEY CHECK (length(ip_list_id) <= 30),
    ip_list_name VARCHAR(100) NOT NULL DEFAULT '',
    active       VARCHAR(1)   NOT NULL DEFAULT 'N' CHECK (active IN ('N', 'Y')),
    user_group   VARCHAR(20)  NOT NULL DEFAULT '---ALL---'
);

-- Entries are read without their list row (§4.4: only entries matter), so no foreign key.
CREATE TABLE vicidial_ip_list_entries (
    ip_list_id CITEXT NOT NULL CHECK (length(ip_list_id) <= 30),
    ip_address CITEXT NOT NULL CHECK (length(ip_address) <= 45),
    PRIMARY KEY (ip_list_id, ip_address)
);

CREATE TABLE servers (
    server_id              VARCHAR(10)  NOT NULL UNIQUE,
    server_description     VARCHAR(255) NOT NULL DEFAULT '',
    server_ip              CITEXT NOT NULL UNIQUE CHECK (length(server_ip) <= 15),
    active                 VARCHAR(1) CHECK (active IN ('Y', 'N')),
    asterisk_version       VARCHAR(20)  NOT NULL DEFAULT '1.4.21.2',
    max_vicidial_trunks    SMALLINT     NOT NULL DEFAULT 96,
    local_gmt              VARCHAR(6)   NOT NULL DEFAULT '-5.00',
    active_asterisk_server VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (active_asterisk_server IN ('Y', 'N')),
    generate_vicidial_conf VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (generate_vicidial_conf IN ('Y', 'N')),
    rebuild_conf_files     VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (rebuild_conf_files IN ('Y', 'N')),
    conf_secret            VARCHAR(100) NOT NULL DEFAULT 'test',
    conf_qualify           VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (conf_qualify IN ('Y', 'N')),
    external_server_ip     VARCHAR(100) NOT NULL DEFAULT '',
    -- dialfleet: raised in the transaction of every change to a phone of this server (architecture.md)
    config_revision        BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE vicidial_conf_templates (
    template_id       CITEXT PRIMARY KEY CHECK (length(template_id) <= 15),
    template_name     VARCHAR(50) NOT NULL DEFAULT '',
    template_contents TEXT,
    user_group        VARCHAR(20) NOT NULL DEFAULT '---ALL---'
);

CREATE TABLE phones (
    phone_id                     BIGSERIAL PRIMARY KEY,
    extension                    CITEXT NOT NULL CHECK (length(extension) <= 100),
    dialplan_number              VARCHAR(20),
    voicemail_id                 VARCHAR(10),
    phone_ip                     VARCHAR(15),
    computer_ip                  VARCHAR(15),
    server_ip                    CITEXT NOT NULL CHECK (length(server_ip) <= 15),
    login                        CITEXT CHECK (length(login) <= 15),
    pass                         VARCHAR(100),
    status                       VARCHAR(10),
    active                       VARCHAR(1) CHECK (active IN ('Y', 'N')),
    phone_type                   VARCHAR(50),
    fullname                     VARCHAR(50),
    company                      VARCHAR(10),
    picture                      VARCHAR(19),
    messages                     INTEGER,
    old_messages                 INTEGER,
    protocol                     VARCHAR(8)   NOT NULL DEFAULT 'SIP' CHECK (protocol IN ('SIP', 'PJSIP', 'Zap', 'IAX2', 'EXTERNAL')),
    local_gmt                    VARCHAR(6)   NOT NULL DEFAULT '-5.00',
    ext_context                  VARCHAR(20)  NOT NULL DEFAULT 'default',
    install_directory            VARCHAR(100) NOT NULL DEFAULT '/usr/local/perl_TK',
    outbound_cid                 VARCHAR(20),
    email                        VARCHAR(100),
    template_id                  CITEXT NOT NULL DEFAULT '' CHECK (length(template_id) <= 15),
    conf_override                TEXT,
    phone_context                VARCHAR(20)  NOT NULL DEFAULT 'default',
    phone_ring_timeout           SMALLINT     NOT NULL DEFAULT 60,
    conf_secret                  VARCHAR(100) NOT NULL DEFAULT 'test',
    delete_vm_after_email        VARCHAR(1)   NOT NULL DEFAULT 'N' CHECK (delete_vm_after_email IN ('N', 'Y')),
    is_webphone                  VARCHAR(12)  NOT NULL DEFAULT 'N' CHECK (is_webphone IN ('Y', 'N', 'Y_API_LAUNCH')),
    use_external_server_ip       VARCHAR(1)   NOT NULL DEFAULT 'N' CHECK (use_external_server_ip IN ('Y', 'N')),
    codecs_list                  VARCHAR(100) NOT NULL DEFAULT '',
    codecs_with_template         VARCHAR(1)   NOT NULL DEFAULT '0' CHECK (codecs_with_template IN ('0', '1')),
    webphone_dialpad             VARCHAR(10)  NOT NULL DEFAULT 'Y' CHECK (webphone_dialpad IN ('Y', 'N', 'TOGGLE', 'TOGGLE_OFF')),
    on_hook_agent                VARCHAR(1)   NOT NULL DEFAULT 'N' CHECK (on_hook_agent IN ('Y', 'N')),
    webphone_auto_answer         VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (webphone_auto_answer IN ('Y', 'N')),
    voicemail_timezone           VARCHAR(30)  NOT NULL DEFAULT 'eastern',
    voicemail_options            VARCHAR(255) NOT NULL DEFAULT '',
    user_group                   CITEXT NOT NULL DEFAULT '---ALL---' CHECK (length(user_group) <= 20),
    voicemail_greeting           VARCHAR(100) NOT NULL DEFAULT '',
    voicemail_dump_exten         VARCHAR(20)  NOT NULL DEFAULT '85026666666666',
    voicemail_dump_exten_no_inst VARCHAR(20)  NOT NULL DEFAULT '85026666666667',
    voicemail_instructions       VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (voicemail_instructions IN ('Y', 'N')),
    on_login_report              VARCHAR(1)   NOT NULL DEFAULT 'N' CHECK (on_login_report IN ('Y', 'N')),
    unavail_dialplan_fwd_exten   VARCHAR(40)  NOT NULL DEFAULT '',
    unavail_dialplan_fwd_context VARCHAR(100) NOT NULL DEFAULT '',
    outbound_alt_cid             VARCHAR(20)  NOT NULL DEFAULT '',
    conf_qualify                 VARCHAR(1)   NOT NULL DEFAULT 'Y' CHECK (conf_qualify IN ('Y', 'N')),
    webphone_layout              VARCHAR(255) NOT NULL DEFAULT '',
    mohsuggest                   VARCHAR(100) NOT NULL DEFAULT '',
    peer_status                  VARCHAR(12)  NOT NULL DEFAULT 'UNKNOWN'
        CHECK (peer_status IN ('UNKNOWN', 'REGISTERED', 'UNREGISTERED', 'REACHABLE', 'LAGGED', 'UNREACHABLE')),
    ping_time                    SMALLINT,
    webphone_settings            VARCHAR(40)  NOT NULL DEFAULT 'VICIPHONE_SETTINGS',
    UNIQUE (extension, server_ip)
);
-- add_phone treats logins as unique across all phones (§5.1 step 7, D4); an empty login names no one.
CREATE UNIQUE INDEX phones_login_key ON phones (login) WHERE login <> '';
CREATE INDEX phones_server_ip_idx ON phones (server_ip);

CREATE TABLE phones_alias (
    alias_id    CITEXT PRIMARY KEY CHECK (length(alias_id) <= 20),
    alias_name  VARCHAR(50),
    logins_list VARCHAR(255),
    user_group  VARCHAR(20) NOT NULL DEFAULT '---ALL---'
);

CREATE TABLE vicidial_admin_log (
    admin_log_id  BIGSERIAL PRIMARY KEY,
    event_date    TIMESTAMP(0) NOT NULL,
    "user"        VARCHAR(20)  NOT NULL,
    ip_address    VARCHAR(15)  NOT NULL,
    event_section VARCHAR(30)  NOT NULL,
    event_type    VARCHAR(20)  NOT NULL DEFAULT 'OTHER'
        CHECK (event_type IN ('ADD', 'COPY', 'LOAD', 'RESET', 'MODIFY', 'DELETE', 'SEARCH', 'LOGIN', 'LOGOUT', 'CLEAR', 'OVERRIDE', 'EXPORT', 'OTHER')),
    record_id     VARCHAR(50)  NOT NULL,
    event_code    VARCHAR(255) NOT NULL,
    event_sql     TEXT,
    event_notes   TEXT,
    user_group    VARCHAR(20)  NOT NULL DEFAULT '---ALL---'
);

CREATE TABLE vicidial_api_log (
    api_id        BIGSERIAL PRIMARY KEY,
    "user"        VARCHAR(20)  NOT NULL,
    api_date      TIMESTAMP(0) NOT NULL,
    api_script    VARCHAR(10)  NOT NULL,
    function      VARCHAR(20)  NOT NULL,
    agent_user    VARCHAR(20),
    value         VARCHAR(255),
    result        VARCHAR(10),
    result_reason VARCHAR(255),
    source        VARCHAR(20),
    data          TEXT,
    run_time      VARCHAR(20)  NOT NULL DEFAULT '0',
    webserver     INTEGER      NOT NULL DEFAULT 0,
    api_url       INTEGER      NOT NULL DEFAULT 0
);
