package io.dialfleet.api.repository;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.RenderMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of one server's peer-config snapshot (docs/spec/conf-generation.md, "Inputs"). Callers read them in one
 * REPEATABLE READ transaction, so that the revision and the phones belong to the same moment.
 */
@ApplicationScoped
public class PeerConfigRepository {

    /** The phones conf generation writes: Zap and EXTERNAL phones produce nothing, inactive ones neither. */
    private static final String RENDERED_PHONES = """
            server_ip = $1 AND active = 'Y' AND protocol IN ('SIP', 'IAX2', 'PJSIP')""";

    /** Case-insensitively, then exactly, both by code point: the order never depends on the database's locale. */
    private static final String PHONES = """
            SELECT extension::text AS extension, dialplan_number, voicemail_id, pass, protocol, conf_secret,
                   fullname, outbound_cid, phone_context, email, is_webphone, template_id::text AS template_id,
                   conf_override, codecs_list, codecs_with_template, conf_qualify, voicemail_timezone,
                   voicemail_options, voicemail_instructions, unavail_dialplan_fwd_exten,
                   unavail_dialplan_fwd_context, delete_vm_after_email, phone_ring_timeout
            FROM phones
            WHERE %s
            ORDER BY lower(extension::text) COLLATE "C", extension::text COLLATE "C"
            """.formatted(RENDERED_PHONES);

    /** Matched case-insensitively (citext), as VICIdial's collation matches them. */
    private static final String TEMPLATES = """
            SELECT template_id::text AS template_id, template_contents
            FROM vicidial_conf_templates
            WHERE template_id NOT IN ('', '--NONE--')
              AND template_id IN (SELECT template_id FROM phones WHERE %s)
            ORDER BY lower(template_id::text) COLLATE "C", template_id::text COLLATE "C"
            """.formatted(RENDERED_PHONES);

    /** A server row (with who renders its phones) with its revision and the system's default codecs. */
    public record ServerInputs(PeerConfigSnapshot.Server server, long revision, String defaultCodecs) {
    }

    public Uni<Void> readConsistently(SqlConnection connection) {
        return connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .replaceWithVoid();
    }

    public Uni<Optional<ServerInputs>> server(SqlConnection connection, String serverIp) {
        return connection.preparedQuery("""
                        SELECT server_id, server_ip::text AS server_ip, asterisk_version, conf_secret, conf_qualify,
                               render_mode, config_revision,
                               (SELECT default_codecs FROM system_settings WHERE settings_id = 1) AS default_codecs
                        FROM servers WHERE server_ip = $1""")
                .execute(Tuple.of(serverIp))
                .map(rows -> Rows.first(rows).map(row -> new ServerInputs(
                        new PeerConfigSnapshot.Server(row.getString("server_id"), row.getString("server_ip"),
                                row.getString("asterisk_version"), row.getString("conf_secret"),
                                row.getString("conf_qualify"), RenderMode.valueOf(row.getString("render_mode"))),
                        row.getLong("config_revision"),
                        row.getString("default_codecs"))));
    }

    /** The server's rendered phones with their secrets, ordered by extension case-insensitively. */
    public Uni<List<PeerConfigSnapshot.Phone>> phones(SqlConnection connection, String serverIp) {
        return connection.preparedQuery(PHONES)
                .execute(Tuple.of(serverIp))
                .map(rows -> {
                    List<PeerConfigSnapshot.Phone> phones = new ArrayList<>();
                    for (Row row : rows) {
                        phones.add(toPhone(row));
                    }
                    return phones;
                });
    }

    /** The templates the server's rendered phones name; an empty id and {@code --NONE--} name no template. */
    public Uni<List<PeerConfigSnapshot.Template>> templates(SqlConnection connection, String serverIp) {
        return connection.preparedQuery(TEMPLATES)
                .execute(Tuple.of(serverIp))
                .map(rows -> {
                    List<PeerConfigSnapshot.Template> templates = new ArrayList<>();
                    for (Row row : rows) {
                        templates.add(new PeerConfigSnapshot.Template(row.getString("template_id"),
                                row.getString("template_contents")));
                    }
                    return templates;
                });
    }

    private static PeerConfigSnapshot.Phone toPhone(Row row) {
        return new PeerConfigSnapshot.Phone(
                row.getString("extension"),
                row.getString("dialplan_number"),
                row.getString("voicemail_id"),
                row.getString("pass"),
                row.getString("protocol"),
                row.getString("conf_secret"),
                row.getString("fullname"),
                row.getString("outbound_cid"),
                row.getString("phone_context"),
                row.getString("email"),
                row.getString("is_webphone"),
                row.getString("template_id"),
                row.getString("conf_override"),
                row.getString("codecs_list"),
                row.getString("codecs_with_template"),
                row.getString("conf_qualify"),
                row.getString("voicemail_timezone"),
                row.getString("voicemail_options"),
                row.getString("voicemail_instructions"),
                row.getString("unavail_dialplan_fwd_exten"),
                row.getString("unavail_dialplan_fwd_context"),
                row.getString("delete_vm_after_email"),
                row.getInteger("phone_ring_timeout"));
    }
}
