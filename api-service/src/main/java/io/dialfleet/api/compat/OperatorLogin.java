package io.dialfleet.api.compat;

import io.dialfleet.api.compat.LoginOutcome.Accepted;
import io.dialfleet.api.compat.LoginOutcome.Refused;
import io.dialfleet.api.repository.ApiUserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Non-Agent API's login (§4.2–4.5) for the other doors — the JSON API and the seed import — so that a user
 * meets the same lockout, IP lists, failure counting and bcrypt time there: a wrong password is counted, a locked
 * or IP-refused user is refused with the same reply line, and a good login records itself as on the Non-Agent API.
 * One transaction per login.
 */
@ApplicationScoped
public class OperatorLogin {

    /**
     * @param operator whether an accepted user may use the operator endpoints (level 9, {@code ast_admin_access} 1)
     * @param refusal  the Non-Agent API's reply line for a refused login (BAD, LOCK or IPBLOCK); null when accepted
     */
    public record Result(boolean accepted, boolean operator, String refusal) {
    }

    private final Pool pool;
    private final Authenticator authenticator;
    private final ApiUserRepository users;

    OperatorLogin(Pool pool, Authenticator authenticator, ApiUserRepository users) {
        this.pool = pool;
        this.authenticator = authenticator;
        this.users = users;
    }

    /** {@code remoteAddress} as Vert.x gives it; spelled as PHP's {@code REMOTE_ADDR} here. */
    public Uni<Result> login(String user, String password, String remoteAddress) {
        String clientIp = ClientAddress.of(remoteAddress);
        return pool.withTransaction(connection -> authenticator.authenticate(connection, user, password, clientIp)
                .chain(outcome -> {
                    if (outcome instanceof Refused refused) {
                        return Uni.createFrom().item(new Result(false, false, refused.reply().body()));
                    }
                    Accepted accepted = (Accepted) outcome;
                    Uni<Void> recorded = accepted.recordLogin()
                            ? users.recordGoodLogin(connection, accepted.userId(), Authenticator.lastIp(clientIp))
                            : Uni.createFrom().voidItem();
                    return recorded.replaceWith(new Result(true, accepted.user().isOperator(), null));
                }));
    }
}
