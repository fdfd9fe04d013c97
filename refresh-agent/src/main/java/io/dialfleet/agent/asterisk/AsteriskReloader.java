package io.dialfleet.agent.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Runs reload commands in the given order and judges each by its answer text, never by {@code Response: Success} or
 * an exit status (docs/spec/conf-generation.md, "Safety"). A busy Asterisk is waited out with exponential backoff within the
 * policy's budget; the first failure stops the sequence.
 */
public final class AsteriskReloader {

    private static final Logger LOG = Logger.getLogger(AsteriskReloader.class);

    private final CommandRunner runner;
    private final ReloadPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public AsteriskReloader(CommandRunner runner, ReloadPolicy policy) {
        this(runner, policy, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public AsteriskReloader(CommandRunner runner, ReloadPolicy policy, Clock clock, Sleeper sleeper) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Runs {@code reloadCommands} in order, stopping at the first failure.
     *
     * @throws InterruptedException when interrupted while waiting out a busy Asterisk
     */
    public ReloadOutcome reload(List<AsteriskCommand.ModuleReload> reloadCommands) throws InterruptedException {
        List<ReloadResult> results = new ArrayList<>();
        for (int i = 0; i < reloadCommands.size(); i++) {
            ReloadResult result = reloadOne(reloadCommands.get(i));
            results.add(result);
            if (!result.ok()) {
                return new ReloadOutcome(results, reloadCommands.subList(i + 1, reloadCommands.size()));
            }
        }
        return new ReloadOutcome(results, List.of());
    }

    private ReloadResult reloadOne(AsteriskCommand.ModuleReload command) throws InterruptedException {
        Instant start = clock.instant();
        Duration backoff = policy.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            Attempt answer = attempt(command);
            long millis = Duration.between(start, clock.instant()).toMillis();
            if (answer.verdict() == ReloadAnswer.RELOADED) {
                LOG.infof("'%s' done in %d ms: %s", command, millis, answer.text());
                return new ReloadResult(command, true, millis, attempt, null, false);
            }
            if (answer.verdict() == ReloadAnswer.FAILED) {
                LOG.warnf("'%s' failed: %s", command, answer.text());
                return new ReloadResult(command, false, millis, attempt, answer.text(), false);
            }
            Duration left = policy.busyBudget().minus(Duration.between(start, clock.instant()));
            if (left.isNegative() || left.isZero()) {
                String error = "Asterisk was still busy after " + policy.busyBudget().toSeconds() + " s ("
                        + attempt + " attempts): " + answer.text();
                LOG.warnf("'%s' failed: %s", command, error);
                return new ReloadResult(command, false, millis, attempt, error, true);
            }
            Duration wait = backoff.compareTo(left) < 0 ? backoff : left;
            LOG.debugf("'%s' busy (%s); retrying in %d ms", command, answer.text(), wait.toMillis());
            sleeper.sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(policy.maxBackoff()) < 0
                    ? backoff.multipliedBy(2) : policy.maxBackoff();
        }
    }

    private Attempt attempt(AsteriskCommand.ModuleReload command) {
        try {
            CommandOutput output = runner.run(command);
            String text = output.text().strip();
            return new Attempt(ReloadAnswer.of(text), text.isEmpty() ? "empty answer to '" + command + "'" : text);
        } catch (AsteriskTimeoutException e) {
            // No answer in time: the reload may still be running. Asking again either gets "already in progress"
            // or runs it again, which is harmless.
            return new Attempt(ReloadAnswer.BUSY, e.getMessage());
        } catch (AsteriskException e) {
            return new Attempt(ReloadAnswer.FAILED, e.getMessage());
        }
    }

    private record Attempt(ReloadAnswer verdict, String text) {
    }
}
