package io.dialfleet.api.bridge;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The bridge's test configurations: how often the reverse path looks. */
final class BridgeTestProfiles {

    private BridgeTestProfiles() {
    }

    /** Only the admin-log tail can find an edit within a test: the one reconcile runs at start. */
    public static final class TailOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialfleet.vicidial.reconcile-interval", "PT1H");
        }
    }

    /** A reconcile every two seconds. */
    public static final class FastReconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialfleet.vicidial.reconcile-interval", "PT2S");
        }
    }
}
