package io.dialfleet.api.outbox;

import io.dialfleet.events.Actor;
import io.dialfleet.events.ChangeAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change the outbox announces, as data: {@link OutboxWriter} turns each into its outbox rows (and, for a server's
 * configuration, its revision and refresh request) in the change's transaction. Rows are the tables' columns as
 * read back after the write; secrets are masked when the event is built, not here.
 */
public sealed interface Change {

    Actor actor();

    Instant at();

    /**
     * A phone added, updated or deleted: its server's revision raised (rule R applied), a {@code PhoneChanged}
     * event and, when the server generates conf, a refresh request. Takes the server's row lock: write it last.
     *
     * @param before            null for ADDED
     * @param after             null for DELETED
     * @param revisionIfUnknown the event's revision when the server is not in {@code servers} (a seed may hold
     *                          phones of servers it does not list); no refresh is requested then
     */
    record Phone(ChangeAction action, Map<String, Object> before, Map<String, Object> after, long revisionIfUnknown,
            Actor actor, Instant at) implements Change {

        public String serverIp() {
            return (String) (after != null ? after : before).get("server_ip");
        }
    }

    /** An alias added, updated or deleted: a {@code PhoneChanged} event only (aliases are no Asterisk config). */
    record Alias(ChangeAction action, Map<String, Object> before, Map<String, Object> after, Actor actor, Instant at)
            implements Change {
    }

    /**
     * A template used by the server's phones changed: the server's revision raised and, when it generates conf, a
     * refresh request (reason {@code PHONE_CHANGED}: the change reaches the server through its phones' sections).
     * Templates are not audited. Takes the server's row lock: write it last. Nothing when the server is unknown.
     */
    record Template(String serverIp, Actor actor, Instant at) implements Change {
    }

    /**
     * {@code server_refresh} or a new render mode: one forced refresh request per server, all sharing one request id,
     * at the revision each server already has (the caller raised or kept it). The servers generate conf.
     */
    record ForcedRefresh(List<ServerRevision> servers, Actor actor, Instant at) implements Change {
    }

    /** A server and its current {@code config_revision}. */
    record ServerRevision(String serverIp, long revision) {
    }
}
