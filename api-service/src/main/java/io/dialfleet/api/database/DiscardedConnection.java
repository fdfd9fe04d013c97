package io.dialfleet.api.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;

/**
 * Closes a pooled connection for good. Vert.x 4.5's pool has no public way to do it: {@code close()} hands the
 * connection to the next caller even while a statement is still waiting on it, and that caller would queue behind the
 * hung statement. Closing the socket fails what waits on it, makes PostgreSQL abort the open transaction when it reads
 * the end of the stream, and the pool drops the connection. DatabaseFreezeIT fails if a Vert.x upgrade changes this.
 */
final class DiscardedConnection {

    private DiscardedConnection() {
    }

    static Uni<Void> close(SqlConnection connection) {
        Connection pooled = ((SqlConnectionInternal) connection.getDelegate()).unwrap();
        Uni<Void> socketClosed = pooled.unwrap() instanceof SocketConnectionBase socket
                ? Uni.createFrom().completionStage(() -> socket.socket().close().toCompletionStage())
                : Uni.createFrom().voidItem();
        return socketClosed
                .onFailure().recoverWithNull()
                .chain(() -> connection.close().onFailure().recoverWithNull());
    }
}
