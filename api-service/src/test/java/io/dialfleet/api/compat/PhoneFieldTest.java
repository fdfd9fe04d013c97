package io.dialfleet.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhoneFieldTest {

    /** {@code    login   CITEXT CHECK (length(login) <= 15),} or {@code    pass   VARCHAR(100),} */
    private static final Pattern COLUMN = Pattern.compile(
            "^\\s+(\\w+)\\s+(?:VARCHAR\\((\\d+)\\)|CITEXT.*length\\(\\1\\) <= (\\d+))", Pattern.MULTILINE);

    @Test
    void cutWidthsAreTheWidthsOfTheColumnsInTheSchema() throws IOException {
        Map<String, Integer> schema = phonesColumnWidths();
        for (PhoneField field : PhoneField.values()) {
            if (field.width() > 0) {
                assertThat(field.width()).as("%s -> phones.%s", field, field.column())
                        .isEqualTo(schema.get(field.column()));
            }
        }
    }

    @Test
    void updatePhoneChecksTheFieldsInTheContractsOrder() {
        assertThat(PhoneField.UPDATE_CHECKS.stream().map(field -> field.parameter().wireName()))
                .containsExactly("local_gmt", "email", "phone_context", "phone_full_name", "registration_password",
                        "protocol", "phone_pass", "phone_login", "voicemail_id", "dialplan_number", "active",
                        "outbound_cid", "admin_user_group", "outbound_alt_cid", "phone_ring_timeout",
                        "delete_vm_after_email", "template_id");
    }

    @Test
    void theApiLogKeepsPasswordsMaskedAndEverythingElseAsSent() {
        assertThat(PhoneField.PHONE_PASS.logged("s3cret")).isEqualTo("***");
        assertThat(PhoneField.REGISTRATION_PASSWORD.logged("s3cret")).isEqualTo("***");
        assertThat(PhoneField.PHONE_PASS.logged("")).isEmpty();
        assertThat(PhoneField.PHONE_LOGIN.logged("8001")).isEqualTo("8001");
    }

    @Test
    void aLoginIsCutToFifteenAndAServerIpNever() {
        assertThat(PhoneField.PHONE_LOGIN.cut("abcdefghijklmnoX")).isEqualTo("abcdefghijklmno");
        assertThat(PhoneField.SERVER_IP.cut("10.10.10.15.extra")).isEqualTo("10.10.10.15.extra");
    }

    private static Map<String, Integer> phonesColumnWidths() throws IOException {
        String sql;
        try (InputStream in = PhoneFieldTest.class.getResourceAsStream("/db/migration/V1__vicidial_tables.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = sql.indexOf("CREATE TABLE phones (");
        String table = sql.substring(start, sql.indexOf(");", start));
        Map<String, Integer> widths = new HashMap<>();
        Matcher column = COLUMN.matcher(table);
        while (column.find()) {
            widths.put(column.group(1), Integer.parseInt(column.group(2) != null ? column.group(2) : column.group(3)));
        }
        return widths;
    }
}
