package io.dialfleet.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    @Test
    void secretLikeLinesKeepTheirKeyAndLoseTheirValue() {
        String override = "qualify=yes\r\nSecret = Hx7Override\r\n  md5secret=>0cc175b9c0f1b6a831c399e269772661\n"
                + "PASSWORD=Pw9\nremotesecret=Rs1\nauth=6001:Au2@example.com\nmd5_cred=abc\n"
                + "register => 6001:Rg3@sip.example.com\ncallerid=\"Secret Santa\" <6001>\nsecret=\n";

        assertThat(SecretRedaction.lines(override)).isEqualTo("qualify=yes\r\nSecret = ***\r\n  md5secret=>***\n"
                + "PASSWORD=***\nremotesecret=***\nauth=***\nmd5_cred=***\n"
                + "register => ***\ncallerid=\"Secret Santa\" <6001>\nsecret=\n");
    }

    @Test
    void textWithoutSecretLinesIsReturnedAsItIs() {
        String template = "type=friend\nhost=dynamic\ncontext=default\n";

        assertThat(SecretRedaction.lines(template)).isSameAs(template);
        assertThat(SecretRedaction.lines("no assignment at all")).isEqualTo("no assignment at all");
    }

    @Test
    void rowsLoseSecretColumnsAndSecretLinesButKeepEverythingElse() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("extension", "cc101");
        row.put("pass", "Pv1");
        row.put("conf_secret", "Cs2");
        row.put("conf_override", "secret=Ov3\nnat=force_rport");
        row.put("template_id", null);
        row.put("voicemail_id", 101);

        Map<String, Object> event = SecretRedaction.row(row);

        assertThat(event).containsExactly(Map.entry("extension", "cc101"), Map.entry("pass", "***"),
                Map.entry("conf_secret", "***"), Map.entry("conf_override", "secret=***\nnat=force_rport"),
                entryWithNull("template_id"), Map.entry("voicemail_id", 101));
        assertThat(row.get("conf_override")).as("the row itself is left alone").isEqualTo("secret=Ov3\nnat=force_rport");
        assertThat(SecretRedaction.row(null)).isNull();
    }

    private static Map.Entry<String, Object> entryWithNull(String key) {
        Map<String, Object> holder = new HashMap<>();
        holder.put(key, null);
        return holder.entrySet().iterator().next();
    }
}
