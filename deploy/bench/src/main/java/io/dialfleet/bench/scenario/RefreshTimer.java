package io.dialfleet.bench.scenario;

import io.dialfleet.bench.fleet.ApiReply;
import io.dialfleet.bench.fleet.NonAgentQuery;
import io.dialfleet.bench.fleet.OperatorApi;
import io.dialfleet.bench.fleet.PhoneRow;
import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Times a change from the API's reply to the agents' reports: the reply's {@code X-Dialfleet-Request-Id} names the
 * refresh request, and the run is over when every targeted server published a status covering it.
 */
final class RefreshTimer {

    private final OperatorApi api;
    private final StatusWatch watch;

    /**
     * @param millis        reply received → last covering status received
     * @param complete      every targeted server reported within the time-out
     * @param notApplied    reports that were UNCHANGED or FAILED
     * @param agentMillis   each report's own run time (fetch, render, install), as the agent measured it
     */
    record RefreshRun(double millis, boolean complete, int notApplied, List<Long> agentMillis) {
    }

    RefreshTimer(OperatorApi api, StatusWatch watch) {
        this.api = api;
        this.watch = watch;
    }

    /** server_refresh: every server of the fleet rebuilds, forced. */
    RefreshRun serverRefresh(Collection<String> serverIps, Duration timeout) {
        return time(api.call(NonAgentQuery.serverRefresh()), serverIps, timeout);
    }

    /** add_phone: only the phone's server rebuilds. */
    RefreshRun addPhone(PhoneRow phone, Duration timeout) {
        return time(api.call(NonAgentQuery.addPhone(phone)), List.of(phone.serverIp()), timeout);
    }

    private RefreshRun time(ApiReply reply, Collection<String> serverIps, Duration timeout) {
        if (!reply.succeeded() || reply.requestId().isEmpty()) {
            throw new IllegalStateException("the API answered " + reply.status() + " " + reply.body().strip()
                    + (reply.requestId().isEmpty() ? " without a refresh request id" : ""));
        }
        List<ServerRefreshCompleted> reports = watch.awaitRequest(reply.requestId().get(), serverIps, timeout);
        double millis = (System.nanoTime() - reply.receivedAt()) / 1e6;
        long servers = reports.stream().map(ServerRefreshCompleted::serverIp).distinct().count();
        int notApplied = (int) reports.stream().filter(report -> report.outcome() != RefreshOutcome.APPLIED).count();
        return new RefreshRun(millis, servers == serverIps.size(), notApplied,
                reports.stream().map(ServerRefreshCompleted::durationMs).toList());
    }
}
