package io.dialfleet.api.compat;

import io.vertx.mutiny.sqlclient.SqlConnection;

/** An authenticated request inside its database transaction. */
record ApiCall(ApiRequest request, ApiUser apiUser, SqlConnection connection) {

    String get(ApiParameter parameter) {
        return request.get(parameter);
    }

    /** The filtered {@code user} parameter as sent: what reply lines and logs show. */
    String user() {
        return request.user();
    }
}
