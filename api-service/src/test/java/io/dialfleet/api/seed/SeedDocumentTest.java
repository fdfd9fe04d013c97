package io.dialfleet.api.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialfleet.api.seed.SeedSchema.CheckDefinition;
import io.dialfleet.api.seed.SeedSchema.ColumnDefinition;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and checking documents against a hand-written slice of the V1 schema, without a database. */
class SeedDocumentTest {

    private static final SeedSchema SCHEMA = SeedSchema.of(List.of(
            text("phones", "extension", false, false, null),
            text("phones", "server_ip", false, false, null),
            text("phones", "login", true, false, null),
            text("phones", "pass", true, false, 100),
            text("phones", "active", true, false, 1),
            text("phones", "protocol", false, true, 8),
            text("phones", "local_gmt", false, true, 6),
            text("phones", "dialplan_number", true, false, 20),
            new ColumnDefinition("phones", "phone_ring_timeout", "smallint", "int2", false, true, null),
            new ColumnDefinition("phones", "phone_id", "bigint", "int8", false, true, null),
            text("vicidial_users", "user", false, false, null),
            text("vicidial_users", "pass_hash", false, true, 500),
            text("vicidial_users", "ast_admin_access", false, true, 1),
            new ColumnDefinition("vicidial_users", "last_login_date", "timestamp without time zone", "timestamp",
                    false, true, null),
            text("servers", "server_id", false, false, 10),
            text("servers", "server_ip", false, false, null),
            text("system_settings", "pass_key", false, true, 100)), List.of(
            new CheckDefinition("phones", "extension", "CHECK ((length((extension)::text) <= 100))"),
            new CheckDefinition("phones", "active",
                    "CHECK (((active)::text = ANY ((ARRAY['Y'::character varying, 'N'::character varying])::text[])))"),
            new CheckDefinition("phones", "protocol", "CHECK (((protocol)::text = ANY ((ARRAY['SIP'::character varying, "
                    + "'PJSIP'::character varying, 'Zap'::character varying])::text[])))"),
            new CheckDefinition("vicidial_users", "ast_admin_access",
                    "CHECK (((ast_admin_access)::text = ANY ((ARRAY['0'::character varying, '1'::character varying])::text[])))")));

    private static ColumnDefinition text(String table, String column, boolean nullable, boolean hasDefault,
            Integer width) {
        return new ColumnDefinition(table, column, "character varying", "varchar", nullable, hasDefault, width);
    }

    private static SeedDocument read(String json) {
        return SeedDocument.read(json.getBytes(StandardCharsets.UTF_8), SCHEMA);
    }

    @Test
    void convertsValuesToWhatTheColumnsStore() {
        SeedDocument document = read("""
                {"phones": [{"extension": "cc101", "server_ip": "10.10.10.15", "active": "y", "protocol": "pjsip",
                             "local_gmt": -5.00, "dialplan_number": 101, "phone_ring_timeout": "45", "login": null}],
                 "vicidial_users": [{"user": "6666", "ast_admin_access": true,
                                     "last_login_date": "2001-01-01 00:00:01"}]}""");

        var phone = document.rows(SeedTable.PHONES).get(0).values();
        assertThat(phone).containsEntry("active", "Y").containsEntry("protocol", "PJSIP")
                .containsEntry("local_gmt", "-5.00").containsEntry("dialplan_number", "101")
                .containsEntry("phone_ring_timeout", (short) 45).containsEntry("login", null);
        var user = document.rows(SeedTable.VICIDIAL_USERS).get(0).values();
        assertThat(user).containsEntry("ast_admin_access", "1")
                .containsEntry("last_login_date", LocalDateTime.of(2001, 1, 1, 0, 0, 1));
        assertThat(document.rowCounts()).containsExactly(java.util.Map.entry("vicidial_users", 1),
                java.util.Map.entry("phones", 1));
    }

    @Test
    void namesEveryUnknownTableAndColumnAndEveryInternalColumn() {
        assertThatThrownBy(() -> read("""
                {"campaigns": [], "phones": [{"extension": "1", "server_ip": "1.1.1.1", "colour": "red",
                 "phone_id": 7}, {"extension": "2", "server_ip": "1.1.1.1", "colour": "blue"}]}"""))
                .isInstanceOfSatisfying(SeedRejected.class, rejected -> assertThat(rejected.problems())
                        .containsExactly("unknown table campaigns", "unknown column phones.colour",
                                "phones.phone_id is dialfleet's own column and cannot be seeded"));
    }

    @Test
    void describesBadValuesWithoutRepeatingThem() {
        assertThatThrownBy(() -> read("""
                {"phones": [{"extension": "1", "server_ip": "1.1.1.1", "active": "maybe-secret",
                             "pass": "%s", "phone_ring_timeout": 99999}],
                 "vicidial_users": [{"user": "u1", "pass_hash": "plain-secret"}]}""".formatted("x".repeat(101))))
                .isInstanceOfSatisfying(SeedRejected.class, rejected -> {
                    assertThat(rejected.problems()).containsExactly(
                            "phones[0] (extension 1, server_ip 1.1.1.1): active must be one of Y, N",
                            "phones[0] (extension 1, server_ip 1.1.1.1): pass is longer than 100 characters",
                            "phones[0] (extension 1, server_ip 1.1.1.1): phone_ring_timeout must be an integer"
                                    + " from -32768 to 32767",
                            "vicidial_users[0] (user u1): pass_hash is neither a bcrypt string nor VICIdial's"
                                    + " 31-character hash (a plain password goes in pass)");
                    assertThat(rejected.getMessage()).doesNotContain("secret", "xxxx");
                });
    }

    @Test
    void keepsPlainPasswordsAsideUntilHashed() {
        SeedDocument document = read("""
                {"vicidial_users": [{"user": "a", "pass": "1234"}, {"user": "b", "pass": ""},
                                    {"user": "c", "pass_hash": "$2a$04$abcdefghijklmnopqrstuuJ3Ahr0c0qQbHpbf9P9yRmh5.1nWpUfS"}]}""");

        List<PlainPassword> plain = document.plainPasswords();
        assertThat(plain).hasSize(1);
        assertThat(document.rows(SeedTable.VICIDIAL_USERS).get(0).toString()).isEqualTo("vicidial_users[0] (user a)");
        assertThat(document.rows(SeedTable.VICIDIAL_USERS).get(1).values()).containsEntry("pass_hash", "");

        SeedDocument hashed = document.withHashes(plain, List.of("HASHED"));
        assertThat(hashed.rows(SeedTable.VICIDIAL_USERS).get(0).values()).containsEntry("pass_hash", "HASHED")
                .doesNotContainKey("pass");
        assertThat(hashed.plainPasswords()).isEmpty();
    }

    @Test
    void refusesPassTogetherWithPassHash() {
        assertThatThrownBy(() -> read("""
                {"vicidial_users": [{"user": "a", "pass": "1234", "pass_hash": ""}]}"""))
                .hasMessage("vicidial_users[0] (user a): gives both pass and pass_hash");
    }

    @Test
    void requiresKeysAndColumnsWithoutDefault() {
        assertThatThrownBy(() -> read("""
                {"servers": [{"server_ip": "10.0.0.1"}], "phones": [{"extension": "1"}]}"""))
                .isInstanceOfSatisfying(SeedRejected.class, rejected -> assertThat(rejected.problems())
                        .containsExactly("servers[0] (server_ip 10.0.0.1): misses the required column server_id",
                                "phones[0] (extension 1): misses its key column server_ip"));
    }

    @Test
    void refusesTheSameNaturalKeyTwiceWhateverItsCase() {
        assertThatThrownBy(() -> read("""
                {"phones": [{"extension": "ab", "server_ip": "1.1.1.1"}, {"extension": "AB", "server_ip": "1.1.1.1"}]}"""))
                .hasMessage("phones[1] (extension AB, server_ip 1.1.1.1) repeats the natural key of phones[0]");
    }

    @Test
    void reportsMalformedJsonByPositionOnly() {
        assertThatThrownBy(() -> read("{\"vicidial_users\": [{\"user\": \"a\", \"pass\": s3cret}]}"))
                .hasMessage("the seed document is not valid JSON at line 1, column 43");
        assertThatThrownBy(() -> read("{\"phones\": [{\"extension\": \"1\", \"extension\": \"2\"}]}"))
                .hasMessageStartingWith("the seed document repeats a key").hasMessageContaining("'extension'");
        assertThatThrownBy(() -> read("[]")).hasMessage("a seed document is a JSON object whose keys are table names");
        assertThatThrownBy(() -> read("")).hasMessage("the seed document is empty");
    }

    @Test
    void settingsAreAnObject() {
        assertThat(read("{\"system_settings\": {\"pass_key\": \"k\"}}").rows(SeedTable.SYSTEM_SETTINGS))
                .singleElement().satisfies(row -> assertThat(row.values()).containsEntry("pass_key", "k"));
        assertThatThrownBy(() -> read("{\"system_settings\": []}")).hasMessage("system_settings must be an object");
    }
}
