package io.dialfleet.agent.wiring;

import io.dialfleet.agent.asterisk.FakeAmiServer;
import io.dialfleet.agent.asterisk.FakeAsterisk;
import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.infra.EmbeddedKafka;
import io.dialfleet.infra.KafkaOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent runs against, each real where it can be: an embedded Kafka broker (one partition per topic, so that
 * the order of records is the order they were sent), the api-service's peer-config endpoint on a real HTTP server,
 * and the stand-in Asterisk behind a real AMI socket. The test gets them injected as fields of type
 * {@link AgentStack.Parts}.
 */
public class AgentStack implements QuarkusTestResourceLifecycleManager {

    static final String SERVER_IP = "10.10.10.15";
    static final String TOKEN = "agent-wiring-token";

    /** The running parts, for the test to drive and observe. */
    record Parts(EmbeddedKafka kafka, StubApiService api, FakeAsterisk asterisk, Path confDir) {
    }

    private Parts parts;
    private FakeAmiServer ami;

    @Override
    public Map<String, String> start() {
        try {
            Path confDir = Files.createTempDirectory("agent-wiring-conf");
            FakeAsterisk asterisk = new FakeAsterisk(confDir).boot();
            ami = new FakeAmiServer(asterisk);
            StubApiService api = new StubApiService(snapshot(1));
            // The start-up run meets an api-service in the middle of a rolling update.
            api.answerNext(503, 503);
            parts = new Parts(EmbeddedKafka.start(new KafkaOptions(0, 0, null, 1)), api, asterisk, confDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", parts.kafka().bootstrapServers());
        // Nothing is on the fresh topic before the tests send: read it all, however late the partitions come.
        config.put("mp.messaging.incoming.refresh-requests.auto.offset.reset", "earliest");
        config.put("dialfleet.agent.server-ip", SERVER_IP);
        config.put("dialfleet.agent.agent-id", "wiring-agent");
        config.put("dialfleet.agent.api.url", parts.api().url());
        config.put("dialfleet.agent.api.token", TOKEN);
        config.put("dialfleet.agent.api.fetch-timeout", "PT20S");
        config.put("dialfleet.agent.conf.directory", parts.confDir().toString());
        config.put("dialfleet.agent.reload.mode", "ami");
        config.put("dialfleet.agent.reload.ami.port", String.valueOf(ami.port()));
        config.put("dialfleet.agent.reload.ami.username", FakeAmiServer.USERNAME);
        config.put("dialfleet.agent.reload.ami.secret", FakeAmiServer.SECRET);
        // The stand-in has applied a reload when it answers, and has no SIP port to probe.
        config.put("dialfleet.agent.reload.sip-address", "none");
        config.put("dialfleet.agent.reload.settle-timeout", "PT5S");
        config.put("dialfleet.agent.resync-interval", "0");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(parts, new TestInjector.MatchesType(Parts.class));
    }

    @Override
    public void stop() {
        try {
            ami.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            parts.api().close();
            parts.kafka().close();
        }
    }

    /** The server's desired state at {@code revision}: one SIP phone per revision so far. */
    static PeerConfigSnapshot snapshot(long revision) {
        List<PeerConfigSnapshot.Phone> phones = new ArrayList<>();
        for (int i = 1; i <= revision; i++) {
            String number = String.valueOf(100 + i);
            phones.add(new PeerConfigSnapshot.Phone("cc" + number, number, number, "vm" + number, "SIP",
                    "Secret" + number, "Agent " + number, "3125550101", "default", "", "N", "", null, "", "0", "Y",
                    "eastern", "", "Y", "", "", "N", 60));
        }
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER_IP, "18.21.0", "ServerSecret", "Y"), "ulaw",
                List.of(), phones);
    }
}
