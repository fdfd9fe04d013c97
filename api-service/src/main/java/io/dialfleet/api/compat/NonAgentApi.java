package io.dialfleet.api.compat;

import io.dialfleet.api.compat.LoginOutcome.Accepted;
import io.dialfleet.api.compat.LoginOutcome.Refused;
import io.dialfleet.api.database.BoundedTransactions;
import io.dialfleet.api.database.DatabaseUnavailable;
import io.dialfleet.api.repository.ApiLogEntry;
import io.dialfleet.api.repository.ApiUserRepository;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.service.ChangeRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The Non-Agent API's processing order (docs/spec/non-agent-api.md §2.3): unauthenticated {@code version} and coffee,
 * then login, the checks every function shares (§4.7), dispatch, the API log and, last, the records of the phone
 * changes (revision, events) — all of it one database transaction, committed before the reply is sent (§2.6). A request that loses a race on a unique key runs
 * again and gets the duplicate check's reply; a database failure, or no answer within
 * {@code dialfleet.database.request-timeout}, answers 503 and changes nothing (D2).
 */
@ApplicationScoped
public class NonAgentApi {

    private static final Logger LOG = Logger.getLogger(NonAgentApi.class);
    private static final Set<String> COFFEE = Set.of("coffee", "start_coffee", "make_coffee", "brew_coffee");
    private static final int CONFLICT_RETRIES = 3;

    private final BoundedTransactions transactions;
    private final Authenticator authenticator;
    private final ApiUserRepository users;
    private final LogRepository logs;
    private final VersionReply version;
    private final ChangeRecorder changes;
    private final Map<String, NonAgentFunction> functions = new HashMap<>();

    NonAgentApi(BoundedTransactions transactions, Authenticator authenticator, ApiUserRepository users,
            LogRepository logs, VersionReply version, ChangeRecorder changes, Instance<NonAgentFunction> functions) {
        this.transactions = transactions;
        this.authenticator = authenticator;
        this.users = users;
        this.logs = logs;
        this.version = version;
        this.changes = changes;
        functions.forEach(function -> this.functions.put(function.name(), function));
    }

    /** The function names it dispatches to, the closed set of the request metrics' labels. */
    public Set<String> functionNames() {
        return Set.copyOf(functions.keySet());
    }

    public Uni<Reply> handle(ApiRequest request) {
        String function = request.function();
        Function<SqlConnection, Uni<Reply>> work;
        if ("version".equals(function)) {
            work = connection -> version.reply(connection, request).call(reply -> log(connection, request, reply));
        } else if (COFFEE.contains(function)) {
            work = connection -> log(connection, request, Replies.coffee(function));
        } else {
            work = connection -> authenticated(connection, request);
        }
        return transactions.run(work)
                .onFailure(DatabaseFailures::isConflict).retry().atMost(CONFLICT_RETRIES)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("%s failed, answered 503: %s", function, DatabaseUnavailable.describe(failure));
                    return Replies.databaseUnavailable(function, request.user());
                });
    }

    private Uni<Reply> authenticated(SqlConnection connection, ApiRequest request) {
        return authenticator.authenticate(connection, request).chain(outcome -> {
            if (outcome instanceof Refused refused) {
                return Uni.createFrom().item(refused.reply());
            }
            Accepted accepted = (Accepted) outcome;
            ApiCall call = new ApiCall(request, accepted.user(), connection, changes.begin());
            return dispatch(call)
                    .call(reply -> log(connection, request, reply))
                    .call(() -> accepted.recordLogin()
                            ? users.recordGoodLogin(connection, accepted.userId(), Authenticator.lastIp(request.clientIp()))
                            : Uni.createFrom().voidItem())
                    .chain(reply -> call.pending().write(connection)
                            .map(requestId -> requestId.isPresent() ? reply.withRefresh(requestId) : reply));
        });
    }

    private Uni<Reply> dispatch(ApiCall call) {
        ApiRequest request = call.request();
        NonAgentFunction function = functions.get(request.function());
        if (function == null) {
            return Uni.createFrom().item(Replies.noFunctionSpecified("debug".equals(request.get(ApiParameter.FORMAT)),
                    elapsedNanos(request) / 1_000_000_000L));
        }
        String source = request.get(ApiParameter.SOURCE);
        if (source.length() < 2) {
            return Uni.createFrom().item(Replies.invalidSource(source));
        }
        if (!call.apiUser().mayUse(function.name())) {
            return Uni.createFrom().item(Replies.error("auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION",
                    call.user(), function.name() + "|").loggingData(""));
        }
        if (!call.apiUser().mayAdminister()) {
            return Uni.createFrom().item(Replies.error(function.permissionReason(), call.user(), "0"));
        }
        return function.run(call);
    }

    private Uni<Reply> log(SqlConnection connection, ApiRequest request, Reply reply) {
        if (reply.log() == null) {
            return Uni.createFrom().item(reply);
        }
        var entry = new ApiLogEntry(request.user(), request.get(ApiParameter.AGENT_USER), request.function(),
                request.get(ApiParameter.SOURCE), reply.log().result(), reply.log().reason(), reply.log().data(),
                String.format(Locale.ROOT, "%.6f", elapsedNanos(request) / 1e9));
        return logs.append(connection, entry).replaceWith(reply);
    }

    private static long elapsedNanos(ApiRequest request) {
        return System.nanoTime() - request.startNanos();
    }
}
