package io.dialfleet.api.compat;

import io.dialfleet.api.service.PendingChanges;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * An authenticated request inside its database transaction; {@code pending} collects its phone changes' records,
 * which {@link NonAgentApi} writes last.
 */
record ApiCall(ApiRequest request, ApiUser apiUser, SqlConnection connection, PendingChanges pending) {

    String get(ApiParameter parameter) {
        return request.get(parameter);
    }

    /** The filtered {@code user} parameter as sent: what reply lines and logs show. */
    String user() {
        return request.user();
    }
}
