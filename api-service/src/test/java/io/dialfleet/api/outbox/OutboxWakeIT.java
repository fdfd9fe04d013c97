package io.dialfleet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.support.ApiClient;
import io.dialfleet.api.support.Fixture;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay is woken by the commit of a transaction that wrote outbox rows (not only by its timer): one
 * {@link OutboxCommitted} per such commit, fired before the reply leaves, and none for a transaction that committed
 * without writing a row (an answered {@code version}, a refused {@code add_phone}).
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class OutboxWakeIT {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CommittedEvents committed;

    @Test
    void aCommitThatWroteRowsFiresOneEventAndNothingElseDoes() throws Exception {
        Fixture.reset(base.getPort());
        ApiClient api = new ApiClient(base.getPort());

        int before = committed.count();
        assertThat(api.addPhone("wk01").bodyText()).startsWith("SUCCESS: add_phone PHONE HAS BEEN ADDED");
        assertThat(committed.count()).as("add_phone: one commit with outbox rows").isEqualTo(before + 1);

        int afterAdd = committed.count();
        assertThat(api.call(Map.of("function", "version")).bodyText()).startsWith("VERSION: ");
        assertThat(api.addPhone("wk01").bodyText()).startsWith("ERROR: add_phone PHONE ALREADY EXISTS");
        assertThat(committed.count()).as("no outbox row written").isEqualTo(afterAdd);
    }
}
