package io.dialfleet.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.api.repository.RefreshStateRecord;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshStateRulesTest {

    private static final String SERVER = "10.10.10.15";
    private static final Instant T0 = Instant.parse("2026-11-22T10:15:30Z");
    private static final RefreshStateRecord NEVER = new RefreshStateRecord(SERVER, null, null, null, null, null, null,
            null);

    @Test
    void theFirstSuccessSetsTheAppliedRevisionAndTheLastOutcome() {
        var event = report(7, RefreshOutcome.APPLIED, T0, null);
        var transition = RefreshStateRules.apply(NEVER, event);
        assertThat(transition.duplicate()).isFalse();
        assertThat(transition.latest()).isTrue();
        assertThat(transition.caughtUp()).isTrue();
        assertThat(transition.next()).isEqualTo(new RefreshStateRecord(SERVER, 7L, RefreshOutcome.APPLIED, null,
                "agent", event.eventId(), event.startedAt(), T0));
    }

    @Test
    void aFirstFailureLeavesNoAppliedRevision() {
        var transition = RefreshStateRules.apply(NEVER, report(7, RefreshOutcome.FAILED, T0, "reload failed"));
        assertThat(transition.next().appliedRevision()).isNull();
        assertThat(transition.next().lastOutcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(transition.next().lastError()).isEqualTo("reload failed");
        assertThat(transition.caughtUp()).isFalse();
    }

    @Test
    void theSameEventAgainIsADuplicate() {
        var event = report(7, RefreshOutcome.APPLIED, T0, null);
        var stored = RefreshStateRules.apply(NEVER, event).next();
        var again = RefreshStateRules.apply(stored, event);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.caughtUp()).isFalse();
        assertThat(again.next()).isEqualTo(stored);
    }

    @Test
    void anOlderCopyOfAnEarlierEventChangesNothing() {
        var first = report(7, RefreshOutcome.APPLIED, T0, null);
        var stored = RefreshStateRules.apply(RefreshStateRules.apply(NEVER, first).next(),
                report(8, RefreshOutcome.FAILED, T0.plusSeconds(5), "reload failed")).next();
        var copy = RefreshStateRules.apply(stored, first);
        assertThat(copy.duplicate()).isFalse();
        assertThat(copy.latest()).isFalse();
        assertThat(copy.caughtUp()).isFalse();
        assertThat(copy.next()).isEqualTo(stored);
    }

    @Test
    void theAppliedRevisionOnlyGrows() {
        var stored = RefreshStateRules.apply(NEVER, report(9, RefreshOutcome.APPLIED, T0, null)).next();
        var lower = RefreshStateRules.apply(stored, report(8, RefreshOutcome.UNCHANGED, T0.plusSeconds(1), null));
        assertThat(lower.next().appliedRevision()).isEqualTo(9L);
        assertThat(lower.next().lastOutcome()).isEqualTo(RefreshOutcome.UNCHANGED);
        var olderAndHigher = RefreshStateRules.apply(stored, report(10, RefreshOutcome.APPLIED, T0.minusSeconds(1), null));
        assertThat(olderAndHigher.next().appliedRevision()).isEqualTo(10L);
        assertThat(olderAndHigher.latest()).isFalse();
        assertThat(olderAndHigher.next().lastEventId()).isEqualTo(stored.lastEventId());
    }

    @Test
    void aFailureKeepsTheAppliedRevisionAndIsTheLastOutcome() {
        var stored = RefreshStateRules.apply(NEVER, report(9, RefreshOutcome.APPLIED, T0, null)).next();
        var failed = RefreshStateRules.apply(stored, report(10, RefreshOutcome.FAILED, T0.plusSeconds(1), "boom"));
        assertThat(failed.next().appliedRevision()).isEqualTo(9L);
        assertThat(failed.next().lastOutcome()).isEqualTo(RefreshOutcome.FAILED);
        assertThat(failed.next().lastError()).isEqualTo("boom");
        assertThat(failed.caughtUp()).isFalse();
        var recovered = RefreshStateRules.apply(failed.next(), report(10, RefreshOutcome.APPLIED, T0.plusSeconds(2), null));
        assertThat(recovered.next().appliedRevision()).isEqualTo(10L);
        assertThat(recovered.next().lastError()).isNull();
        assertThat(recovered.caughtUp()).isTrue();
    }

    private static ServerRefreshCompleted report(long revision, RefreshOutcome outcome, Instant finishedAt,
            String error) {
        return new ServerRefreshCompleted(1, UUID.randomUUID(), SERVER, "agent", List.of(), revision, outcome, null,
                List.of(), List.of(), false, error, List.of(), List.of(), finishedAt.minusMillis(50), finishedAt, 50);
    }
}
