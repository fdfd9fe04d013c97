package io.dialfleet.api.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code servers} as the fleet view reads it. Read-only: the Non-Agent API and the status consumer write
 * this table with their own SQL. {@code server_ip} is citext, unique and never null, so it serves as the id.
 */
@Entity
@Immutable
@Table(name = "servers")
public class FleetServer {

    @Id
    @Column(name = "server_ip")
    public String serverIp;

    @Column(name = "server_id")
    public String serverId;

    /** The desired revision: raised with every change to one of its phones. */
    @Column(name = "config_revision")
    public long configRevision;

    @Column(name = "rebuild_conf_files")
    public String rebuildConfFiles;

    @Column(name = "generate_vicidial_conf")
    public String generateVicidialConf;

    @Column(name = "active_asterisk_server")
    public String activeAsteriskServer;

    /** Who renders the server's phone peers: {@code DIALFLEET} or {@code VICIDIAL} (one renderer per server). */
    @Column(name = "render_mode")
    public String renderMode;

    /** Whether an agent renders this server's conf (architecture.md, "Refresh semantics"). */
    public boolean generatesConf() {
        return "Y".equals(generateVicidialConf) && "Y".equals(activeAsteriskServer);
    }
}
