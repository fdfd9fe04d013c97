package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.ALIAS_ID;
import static io.dialfleet.api.compat.ApiParameter.ALIAS_NAME;
import static io.dialfleet.api.compat.ApiParameter.PHONE_LOGINS;
import static io.dialfleet.api.compat.ApiParameter.STAGE;
import static io.dialfleet.api.compat.CheckChain.unless;

import io.dialfleet.api.repository.AdminLogEntry;
import io.dialfleet.api.repository.LogRepository;
import io.dialfleet.api.service.ServerRefreshService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code server_refresh} (docs/spec/non-agent-api.md §8). */
@ApplicationScoped
class ServerRefreshFunction implements NonAgentFunction {

    private final ServerRefreshService refreshes;
    private final LogRepository logs;

    ServerRefreshFunction(ServerRefreshService refreshes, LogRepository logs) {
        this.refreshes = refreshes;
        this.logs = logs;
    }

    @Override
    public String name() {
        return "server_refresh";
    }

    @Override
    public String permissionReason() {
        return "server_refresh USER DOES NOT HAVE PERMISSION TO REFRESH SERVERS";
    }

    @Override
    public Uni<Reply> run(ApiCall call) {
        String user = call.user();
        return CheckChain.start()
                // VICIdial reuses the alias functions' error here, alias parameters and all (S04, S06).
                .check(() -> unless(call.get(STAGE).contains("REFRESH"), () -> Replies.error(
                        "server_refresh YOU MUST USE ALL REQUIRED FIELDS", user,
                        call.get(ALIAS_ID) + "|" + call.get(ALIAS_NAME) + "|" + call.get(PHONE_LOGINS))))
                .finish(() -> refreshes.refreshAll(call.connection(), call.request().actor(),
                                call.request().receivedAt())
                        .chain(outcome -> {
                            var adminLog = new AdminLogEntry("SERVERS", "OTHER", "refresh", "ADMIN API SERVERS REFRESH",
                                    "servers: " + outcome.count(), "refresh all servers: rebuild_conf_files");
                            return logs.append(call.connection(), adminLog, user, call.request().clientIp())
                                    .replaceWith(Replies.success("server_refresh SERVER REFRESH HAS BEEN TRIGGERED", user,
                                            String.valueOf(outcome.count())).withRefresh(outcome.refreshRequestId()));
                        }));
    }
}
