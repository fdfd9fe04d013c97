package io.dialfleet.agent.realasterisk;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import io.dialfleet.realasterisk.AsteriskLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The desired state of one telco server as the api-service would serve it: its phones and templates. Each snapshot
 * taken has the next revision, as a change in the api-service would give.
 */
final class TestServer {

    static final String SERVER_IP = "10.10.10.15";

    private final AsteriskLine line;
    private final Map<String, TestPhone> phones = new LinkedHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private long revision;

    TestServer(AsteriskLine line) {
        this.line = line;
    }

    TestPhone add(TestPhone phone) {
        phones.put(phone.extension, phone);
        return phone;
    }

    void remove(String extension) {
        phones.remove(extension);
    }

    TestPhone phone(String extension) {
        return phones.get(extension);
    }

    Collection<TestPhone> phones() {
        return List.copyOf(phones.values());
    }

    void clear() {
        phones.clear();
        templates.clear();
    }

    void template(String id, String contents) {
        templates.put(id, new Template(id, contents));
    }

    synchronized PeerConfigSnapshot snapshot() {
        revision++;
        List<PeerConfigSnapshot.Phone> sorted = new ArrayList<>();
        phones.values().stream()
                .sorted(Comparator.comparing((TestPhone phone) -> phone.extension.toLowerCase(Locale.ROOT)))
                .forEach(phone -> sorted.add(phone.build()));
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, revision,
                new PeerConfigSnapshot.Server("telco15", SERVER_IP, line.version(), "ServerSecret15", "Y"), "ulaw",
                List.copyOf(templates.values()), sorted);
    }
}
