package io.dialfleet.api.compat;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a function's checks in contract order: the first check that answers with a reply ends the chain,
 * otherwise the final step runs. A check answers null to let the request through.
 */
final class CheckChain {

    private final Uni<Reply> outcome;

    private CheckChain(Uni<Reply> outcome) {
        this.outcome = outcome;
    }

    static CheckChain start() {
        return new CheckChain(Uni.createFrom().nullItem());
    }

    /** A check that needs no database: returns a reply to stop, null to go on. */
    CheckChain check(Supplier<Reply> check) {
        return checkAsync(() -> Uni.createFrom().item(check));
    }

    CheckChain checkAsync(Supplier<Uni<Reply>> check) {
        return new CheckChain(outcome.chain(reply -> reply != null ? Uni.createFrom().item(reply) : check.get()));
    }

    /** A step between checks that cannot fail, such as the D3 cut. */
    CheckChain then(Runnable step) {
        return check(() -> {
            step.run();
            return null;
        });
    }

    Uni<Reply> finish(Supplier<Uni<Reply>> lastStep) {
        return outcome.chain(reply -> reply != null ? Uni.createFrom().item(reply) : lastStep.get());
    }

    /** A check that passes when the condition holds. */
    static Reply unless(boolean passes, Supplier<Reply> failure) {
        return passes ? null : failure.get();
    }
}
