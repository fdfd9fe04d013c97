package io.dialfleet.api.messaging;

/** Why a record on {@code dialfleet.refresh-status} was not believed (docs/operations.md, "Agent credentials"). */
public enum RejectReason {

    /** No key id or signature header, outside the shared-token development mode. */
    UNSIGNED,
    /** The key id names no active key (never issued, or revoked). */
    UNKNOWN_KEY,
    /** The key belongs to another server than the record's key. */
    KEY_OF_ANOTHER_SERVER,
    /** The signature is not the key's over this record. */
    BAD_SIGNATURE,
    /** The record key and the payload's serverIp differ. */
    SERVER_MISMATCH,
    /** finishedAt lies further in the future than the allowed clock skew. */
    FUTURE_TIME,
    /** No server has the report's server_ip: no state row is created for it. */
    UNKNOWN_SERVER,
    /** The report claims a revision above the server's desired revision, which no agent can have fetched. */
    REVISION_AHEAD
}
