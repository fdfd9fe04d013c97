package io.dialfleet.api.bridge;

import java.sql.SQLException;
import java.util.Collection;

/** Writes dialfleet's current rows of some keys to MySQL and sets their bases: the forward mirror's write, on demand. */
public interface VicidialPush {

    void push(VicidialConnection mysql, Collection<SyncKey> keys) throws SQLException;
}
