package io.dialfleet.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.VicidialAdmin;
import io.dialfleet.infra.DialfleetInfraResource;
import io.dialfleet.infra.MariaDbAvailable;
import io.dialfleet.infra.VicidialMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge's first start against an existing VICIdial database: dialfleet has no phone and has never synchronised,
 * so VICIdial's servers, phones and aliases are imported silently (no event, no refresh, no revision) instead of an
 * empty dialfleet being mirrored over them.
 */
@QuarkusTest
@TestProfile(BridgeTestProfiles.TailOnly.class)
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
@WithTestResource(VicidialMariaDbResource.class)
@ExtendWith(MariaDbAvailable.class)
@WithTestResource(FirstStartImportIT.ExistingVicidial.class)
class FirstStartImportIT {

    /** Before the service starts: a VICIdial database with a fleet, and a dialfleet database with none. */
    public static final class ExistingVicidial implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            var addresses = DialfleetInfraResource.infrastructure().addresses();
            VicidialMariaDbResource.mariaDb().start();
            try {
                VicidialAdmin.execute("DELETE FROM phones");
                VicidialAdmin.execute("DELETE FROM phones_alias");
                VicidialAdmin.execute("DELETE FROM servers");
                VicidialAdmin.execute("""
                        INSERT INTO servers (server_id, server_description, server_ip, active, asterisk_version,
                            active_asterisk_server, generate_vicidial_conf, rebuild_conf_files, conf_secret)
                        VALUES ('VD1', 'VICIdial dialer 1', '10.20.0.1', 'Y', '18.18.0', 'Y', 'Y', 'Y', 'srvSecret1'),
                               ('VD2', 'VICIdial dialer 2', '10.20.0.2', 'Y', '18.18.0', 'Y', 'N', 'N', 'srvSecret2')""");
                VicidialAdmin.execute("""
                        INSERT INTO phones (extension, dialplan_number, voicemail_id, server_ip, login, pass, status,
                            active, fullname, protocol, local_gmt, conf_secret, phone_ring_timeout, peer_status,
                            template_id)
                        VALUES ('2001', '2001', '2001', '10.20.0.1', 'im2001', 'pw1', 'ACTIVE', 'Y', 'Imported One',
                                'SIP', '-5.00', 'ImpSecret1', 30, 'REGISTERED', ''),
                               ('2002', '2002', '2002', '10.20.0.2', 'im2002', 'pw2', 'ACTIVE', 'N', 'Imported Two',
                                'IAX2', '-6.00', 'ImpSecret2', 60, 'UNKNOWN', '')""");
                VicidialAdmin.execute("""
                        INSERT INTO phones_alias (alias_id, alias_name, logins_list, user_group)
                        VALUES ('imal', 'Imported alias', 'im2001,im2002', '---ALL---')""");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            try (Connection connection = DriverManager.getConnection(addresses.jdbcUrl(), addresses.dbUser(),
                    addresses.dbPassword()); Statement statement = connection.createStatement()) {
                for (String table : List.of("phones", "phones_alias", "vicidial_sync", "vicidial_bridge_state",
                        "outbox")) {
                    statement.execute("DO $$ BEGIN IF to_regclass('" + table + "') IS NOT NULL THEN "
                            + "EXECUTE 'DELETE FROM " + table + "'; END IF; END $$");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void vicidialsFleetIsImportedSilentlyWithItsBases() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.render("SELECT count(*) FROM vicidial_sync").equals("3"));

        assertThat(Database.render("""
                SELECT extension, server_ip, login, active, fullname, protocol, local_gmt, conf_secret,
                       phone_ring_timeout, peer_status FROM phones ORDER BY extension"""))
                .isEqualTo("""
                        2001|10.20.0.1|im2001|Y|Imported One|SIP|-5.00|ImpSecret1|30|REGISTERED
                        2002|10.20.0.2|im2002|N|Imported Two|IAX2|-6.00|ImpSecret2|60|UNKNOWN""");
        assertThat(Database.render("SELECT alias_id, alias_name, logins_list FROM phones_alias"))
                .isEqualTo("imal|Imported alias|im2001,im2002");
        assertThat(Database.render("""
                SELECT server_id, rebuild_conf_files, render_mode, conf_secret FROM servers
                WHERE server_ip IN ('10.20.0.1', '10.20.0.2') ORDER BY server_id"""))
                .as("a server VICIdial generates stays VICIdial's to render")
                .isEqualTo("VD1|N|VICIDIAL|srvSecret1\nVD2|N|DIALFLEET|srvSecret2");
        assertThat(Database.render("SELECT count(*) FROM outbox")).as("silent: no event, no refresh request")
                .isEqualTo("0");
        assertThat(Database.render("SELECT config_revision FROM servers WHERE server_ip = '10.20.0.1'")).isEqualTo("0");
        assertThat(VicidialAdmin.phone("2001", "10.20.0.1").orElseThrow())
                .as("VICIdial's rows are left as they were").containsEntry("fullname", "Imported One");
    }
}
