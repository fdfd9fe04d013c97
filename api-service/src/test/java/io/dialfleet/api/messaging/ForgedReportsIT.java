package io.dialfleet.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dialfleet.api.support.AgentKeyIssuer;
import io.dialfleet.api.support.Database;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.api.support.StatusPublisher;
import io.dialfleet.events.AgentCredential;
import io.dialfleet.events.EventJson;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ReportSignature;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's attack: hand-written records on {@code dialfleet.refresh-status} that would pin a server in sync. Each
 * forgery must change nothing and be counted; a genuine report still goes through.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class ForgedReportsIT {

    private static final String SERVER = "10.10.10.15";
    private static final String OTHER = "10.10.10.16";
    private static final Duration CONSUMED = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Inject
    RejectedReports rejected;

    private StatusPublisher agent;
    private final Map<String, String> serverRowBefore = new HashMap<>();

    @BeforeEach
    void fixture() throws Exception {
        Fixture.reset(base.getPort());
        Database.execute(List.of("DELETE FROM server_refresh_state"));
        for (String serverIp : List.of(SERVER, "10.10.10.97")) {
            serverRowBefore.put(serverIp, serverRow(serverIp));
        }
        agent = new StatusPublisher(DialfleetInfraResource.infrastructure().addresses().kafkaBootstrap());
    }

    @AfterEach
    void closeProducer() {
        agent.close();
    }

    @Test
    void aReportWithAWrongSignatureChangesNothingAndIsCounted() throws Exception {
        AgentCredential key = AgentKeyIssuer.issue(SERVER);
        byte[] value = forged(SERVER, desiredRevision(SERVER), Instant.now());
        String signatureOfOtherBytes = ReportSignature.sign(key, SERVER, "{}".getBytes(StandardCharsets.UTF_8));
        AgentCredential guessed = new AgentCredential(key.keyId(), "B".repeat(43));

        expectRejected(RejectReason.BAD_SIGNATURE, 2, () -> {
            agent.sendWithHeaders(SERVER, value, "forged-1", key.keyId(), signatureOfOtherBytes);
            agent.sendSigned(guessed, SERVER, value, "forged-2");
        });
        assertNothingRecorded(SERVER);
    }

    @Test
    void unsignedUnknownRevokedOrOtherServersKeysAreRefused() throws Exception {
        byte[] value = forged(SERVER, desiredRevision(SERVER), Instant.now());
        AgentCredential otherServers = AgentKeyIssuer.issue(OTHER);
        AgentCredential revoked = AgentKeyIssuer.issue(SERVER);
        AgentKeyIssuer.revoke(SERVER, revoked.keyId());
        AgentCredential neverIssued = AgentCredential.parse("ak_00000000deadbeef." + "C".repeat(43)).orElseThrow();

        expectRejected(RejectReason.UNSIGNED, 2, () -> {
            agent.sendWithHeaders(SERVER, value, "forged-3", null, null);
            agent.sendWithHeaders(SERVER, value, "forged-4", revoked.keyId(), null);
        });
        expectRejected(RejectReason.UNKNOWN_KEY, 2, () -> {
            agent.sendSigned(revoked, SERVER, value, "forged-5");
            agent.sendSigned(neverIssued, SERVER, value, "forged-6");
        });
        expectRejected(RejectReason.KEY_OF_ANOTHER_SERVER, 1,
                () -> agent.sendSigned(otherServers, SERVER, value, "forged-7"));
        // The key of 10.10.10.16 signing a record keyed by 10.10.10.16 about 10.10.10.15.
        expectRejected(RejectReason.SERVER_MISMATCH, 1, () -> agent.sendSigned(otherServers, OTHER, value, "forged-8"));
        assertNothingRecorded(SERVER);
    }

    @Test
    void aFutureRevisionOrAFarFutureTimeFromTheRightKeyChangesNothing() throws Exception {
        long desired = desiredRevision(SERVER);

        expectRejected(RejectReason.REVISION_AHEAD, 1, () -> agent.publish(report(SERVER, 99_999_999,
                Instant.now())));
        expectRejected(RejectReason.FUTURE_TIME, 1, () -> agent.publish(report(SERVER, desired,
                Instant.parse("2030-01-01T00:00:00Z"))));
        assertNothingRecorded(SERVER);

        // The same key's genuine report still goes through.
        agent.publish(report(SERVER, desired, Instant.now()));
        await().atMost(CONSUMED).until(() -> "1".equals(Database.render(
                "SELECT count(*) FROM server_refresh_state WHERE server_ip = '" + SERVER + "'")));
        assertThat(Database.render("SELECT applied_revision FROM server_refresh_state WHERE server_ip = '" + SERVER
                + "'")).isEqualTo(String.valueOf(desired));
    }

    @Test
    void aReportForAnUnknownServerCreatesNoStateRow() throws Exception {
        Database.execute(List.of("INSERT INTO servers (server_id, server_ip, active) VALUES ('GONE', '10.10.10.97', 'Y')"));
        AgentCredential key = AgentKeyIssuer.issue("10.10.10.97");
        Database.execute(List.of("DELETE FROM servers WHERE server_ip = '10.10.10.97'"));

        expectRejected(RejectReason.UNKNOWN_SERVER, 1, () -> agent.sendSigned(key, "10.10.10.97",
                forged("10.10.10.97", 0, Instant.now()), "forged-9"));
        assertNothingRecorded("10.10.10.97");
    }

    private void expectRejected(RejectReason reason, int count, Runnable send) {
        long before = rejected.count(reason);
        long totalBefore = rejected.total();
        send.run();
        await().atMost(CONSUMED).until(() -> rejected.count(reason) >= before + count);
        assertThat(rejected.count(reason)).isEqualTo(before + count);
        assertThat(rejected.total()).isEqualTo(totalBefore + count);
    }

    /** No state row (the fixture starts without any), and the server's row as the fixture left it. */
    private void assertNothingRecorded(String serverIp) throws Exception {
        assertThat(Database.render("SELECT count(*) FROM server_refresh_state WHERE server_ip = '" + serverIp + "'"))
                .isEqualTo("0");
        assertThat(serverRow(serverIp)).isEqualTo(serverRowBefore.get(serverIp));
    }

    private static String serverRow(String serverIp) throws Exception {
        return Database.render("SELECT coalesce(string_agg(rebuild_conf_files || '/' || config_revision, ','), '') "
                + "FROM servers WHERE server_ip = '" + serverIp + "'");
    }

    private static ServerRefreshCompleted report(String serverIp, long revision, Instant finishedAt) {
        return StatusPublisher.report(serverIp, revision, RefreshOutcome.APPLIED, List.of(), finishedAt, "forger",
                null);
    }

    private static byte[] forged(String serverIp, long revision, Instant finishedAt) {
        return EventJson.write(report(serverIp, revision, finishedAt)).getBytes(StandardCharsets.UTF_8);
    }

    private static long desiredRevision(String serverIp) throws Exception {
        return Long.parseLong(Database.render("SELECT config_revision FROM servers WHERE server_ip = '" + serverIp
                + "'"));
    }
}
