package io.dialfleet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.RawHttp;
import io.dialfleet.events.Topics;
import io.dialfleet.infra.DialfleetInfraResource;
import io.dialfleet.infra.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a phone's {@code conf_override} holding secrets reaches the audit topic and the outbox with those lines
 * redacted, while the table keeps the real text and the agent gets it through peer-config (the agent reads no
 * event for its configuration: a refresh request only tells it to fetch the snapshot).
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class SecretRedactionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERRIDE = "nat=force_rport\nsecret=Ov7OverrideSecret\nMD5Secret = Ov8Md5Secret\n"
            + "auth=rd01:Ov9AuthSecret@example.com";

    @TestHTTPResource("/")
    URL base;

    @Test
    void overrideSecretsAreRedactedInEventsAndKeptForTheAgent() throws Exception {
        int port = base.getPort();
        Fixture.reset(port);
        String bootstrap = DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap();
        JsonNode published;
        try (var changes = new TopicTail(bootstrap, Topics.PHONE_CHANGES)) {
            var seeded = RawHttp.send(port, "POST", "/api/v1/admin/seed?mode=merge", "application/json", """
                    {"phones": [{"extension": "rd01", "server_ip": "10.10.10.15", "login": "rd01", "active": "Y",
                                 "conf_override": %s}]}""".formatted(JSON.writeValueAsString(OVERRIDE))
                            .getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer " + Fixture.OPERATOR_TOKEN));
            assertThat(seeded.status()).as(seeded.bodyText()).isEqualTo(200);
            var events = changes.await(r -> r.key().equals("10.10.10.15/rd01"), 1, Duration.ofSeconds(20));
            published = JSON.readTree(events.get(0).value());
        }
        String redacted = "nat=force_rport\nsecret=***\nMD5Secret = ***\nauth=***";
        assertThat(published.get("action").asText()).isEqualTo("ADDED");
        assertThat(published.get("after").get("conf_override").asText()).isEqualTo(redacted);

        String row = Database.render("SELECT payload FROM outbox WHERE record_key = '10.10.10.15/rd01'");
        assertThat(row).doesNotContain("Ov7OverrideSecret", "Ov8Md5Secret", "Ov9AuthSecret");
        JsonNode stored = JSON.readTree(Database.render(
                "SELECT payload FROM outbox WHERE record_key = '10.10.10.15/rd01' ORDER BY id DESC LIMIT 1").trim());
        assertThat(stored.get("after").get("conf_override").asText()).isEqualTo(redacted);
        assertThat(stored.get("changeSeq").asLong()).isEqualTo(published.get("changeSeq").asLong()).isPositive();

        assertThat(Database.render("SELECT conf_override FROM phones WHERE extension = 'rd01'"))
                .contains("Ov7OverrideSecret");
        RawHttp.Response snapshot = RawHttp.send(port, "GET", "/internal/v1/servers/10.10.10.15/peer-config", "",
                new byte[0], Map.of("Authorization", "Bearer test-internal-token"));
        assertThat(snapshot.status()).isEqualTo(200);
        JsonNode phone = null;
        for (JsonNode candidate : JSON.readTree(snapshot.bodyText()).get("phones")) {
            if (candidate.get("extension").asText().equals("rd01")) {
                phone = candidate;
            }
        }
        assertThat(phone).as("rd01 in the snapshot").isNotNull();
        assertThat(phone.get("confOverride").asText()).isEqualTo(OVERRIDE);
    }
}
