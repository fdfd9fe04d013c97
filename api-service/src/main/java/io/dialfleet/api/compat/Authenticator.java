package io.dialfleet.api.compat;

import io.dialfleet.api.auth.ApiPasswords;
import io.dialfleet.api.compat.LoginOutcome.Accepted;
import io.dialfleet.api.compat.LoginOutcome.Refused;
import io.dialfleet.api.repository.ApiUserRepository;
import io.dialfleet.api.repository.LoginRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The credential rule, the lockout state machine and the IP lists (docs/spec/non-agent-api.md §4.2–4.5, D1, D5, D8).
 * Counters are written in the request's transaction; a GOOD login's own update is left to the caller, who runs
 * it last to hold the user's row lock as briefly as possible.
 */
@ApplicationScoped
class Authenticator {

    static final int LOCK_THRESHOLD = 10;
    private static final int MIN_USER_LEVEL = 7;

    private final ApiUserRepository users;
    private final ApiPasswords passwords;

    Authenticator(ApiUserRepository users, ApiPasswords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    Uni<LoginOutcome> authenticate(SqlConnection connection, ApiRequest request) {
        return authenticate(connection, request.user(), request.get(ApiParameter.PASS), request.clientIp());
    }

    /** The same rules for a caller of another door (the JSON API's Basic login), {@code clientIp} as PHP spells it. */
    Uni<LoginOutcome> authenticate(SqlConnection connection, String user, String password, String clientIp) {
        return users.findForLogin(connection, user, clientIp, lastIp(clientIp), classC(clientIp))
                .chain(login -> credentialRuleMet(login, password)
                        .chain(met -> decide(connection, login, met, user, clientIp)));
    }

    /** §4.3, top to bottom. */
    private Uni<LoginOutcome> decide(SqlConnection connection, LoginRecord login, boolean credentialsOk, String user,
            String clientIp) {
        if (credentialsOk) {
            return Uni.createFrom().item(ipAllowed(login)
                    ? new Accepted(ApiUser.from(login), login.userId(), !login.loginUnchanged())
                    : new Refused(Replies.ipNotAllowed(clientIp)));
        }
        if (!login.exists()) {
            return refused(Replies.loginIncorrect(user));
        }
        if (login.failedLoginCount() < LOCK_THRESHOLD) {
            return users.countFailedLogin(connection, login.userId()).replaceWith(bad(user));
        }
        if (login.lockExpired()) {
            return users.restartFailureWindow(connection, login.userId()).replaceWith(bad(user));
        }
        return refused(Replies.tooManyLoginAttempts(user));
    }

    /**
     * §4.2; bcrypt runs last, and off the event loop when its answer is not already known. A row that cannot qualify
     * (no such user, inactive, too low, locked) costs one bcrypt all the same, so that the answer's time does not tell
     * which user names exist.
     */
    private Uni<Boolean> credentialRuleMet(LoginRecord login, String password) {
        boolean rowQualifies = login.exists()
                && login.userLevel() >= MIN_USER_LEVEL
                && "Y".equals(login.active())
                && (login.failedLoginCount() < LOCK_THRESHOLD || login.lockExpired());
        if (!rowQualifies) {
            return offEventLoop(() -> passwords.spendVerificationTime(password));
        }
        String user = String.valueOf(login.userId());
        var known = passwords.matchWithoutBcrypt(user, password, login.passHash(), login.passKey(), login.passCost());
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return offEventLoop(() -> passwords.matches(user, password, login.passHash(), login.passKey(),
                login.passCost()));
    }

    private static Uni<Boolean> offEventLoop(Supplier<Boolean> bcrypt) {
        Uni<Boolean> verified = Uni.createFrom().item(bcrypt).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Context context = Vertx.currentContext();
        return context == null ? verified : verified.emitOn(onContext(context));
    }

    /** §4.4: only for accepted credentials, only when the system enables the lists. */
    private static boolean ipAllowed(LoginRecord login) {
        boolean listsEnabled = "1".equals(login.allowIpLists()) || "2".equals(login.allowIpLists());
        if (!listsEnabled || "1".equals(login.ignoreIpList())) {
            return true;
        }
        boolean blocked = login.systemIpBlacklist().length() > 1 && login.blockedBySystemList();
        boolean notAllowed = login.groupExists() && login.apiIpList() != null && login.apiIpList().length() > 1
                && !login.onApiAllowList();
        return !blocked && !notAllowed;
    }

    /** {@code 127.0.0.1} becomes {@code 127.0.0.x}; an address without a last {@code .digits} group stays. */
    static String classC(String clientIp) {
        return clientIp.replaceFirst("\\.\\d+$", ".x");
    }

    static String lastIp(String clientIp) {
        return ColumnWidth.cut(clientIp, 15);
    }

    private static Uni<LoginOutcome> refused(Reply reply) {
        return Uni.createFrom().item(new Refused(reply));
    }

    private static LoginOutcome bad(String user) {
        return new Refused(Replies.loginIncorrect(user));
    }

    private static Executor onContext(Context context) {
        return task -> context.runOnContext(ignored -> task.run());
    }
}
