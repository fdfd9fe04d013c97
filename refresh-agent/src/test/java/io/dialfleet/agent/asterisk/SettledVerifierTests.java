package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettledVerifierTests {

    private static final ExpectedLiveState EXPECTED = ExpectedLiveState.none().with(LiveKind.SIP_PEERS, List.of("cc1"));
    private static final Verification MISSING = new Verification(List.of("sip: 1 of 1 peers missing: cc1"),
            List.of(new Verification.FailedObject(LiveKind.SIP_PEERS, "cc1", "missing")), List.of());

    private final FakeTime time = new FakeTime();

    @Test
    void aStateThatCatchesUpWhileTheEndIsUnknownPasses() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        LiveStateCheck catchingUp = expected -> checks.incrementAndGet() < 4 ? MISSING : new Verification(List.of());

        SettledVerifier.Result result = new SettledVerifier(catchingUp, Duration.ofSeconds(1), time, time)
                .verify(EXPECTED, ReloadCompletion.State.UNKNOWN, Duration.ofMinutes(1));

        assertThat(result.verification().ok()).isTrue();
        assertThat(checks).hasValue(4);
    }

    @Test
    void onceTheEndIsConfirmedAMismatchStandsAfterTheGrace() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        LiveStateCheck broken = expected -> {
            checks.incrementAndGet();
            return MISSING;
        };
        java.time.Instant start = time.instant();

        SettledVerifier.Result result = new SettledVerifier(broken, Duration.ofSeconds(1), time, time)
                .verify(EXPECTED, ReloadCompletion.State.CONFIRMED, Duration.ofMinutes(1));

        assertThat(result.settled()).isTrue();
        assertThat(result.verification().failed()).hasSize(1);
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(1));
        assertThat(checks.get()).isGreaterThan(1);
    }

    @Test
    void aMismatchWhileTheEndWasNeverSeenIsNotSettledSoNothingIsRolledBackOnIt() throws InterruptedException {
        java.time.Instant start = time.instant();

        SettledVerifier.Result result = new SettledVerifier(expected -> MISSING, Duration.ofSeconds(1), time, time)
                .verify(EXPECTED, ReloadCompletion.State.NOT_CONFIRMED, Duration.ofSeconds(30));

        assertThat(result.settled()).isFalse();
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(30));
    }
}
