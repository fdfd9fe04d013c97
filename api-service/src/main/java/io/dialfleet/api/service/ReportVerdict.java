package io.dialfleet.api.service;

/** What became of a refresh-agent's report once the server's row was read. */
public enum ReportVerdict {

    /** Applied to the refresh state (or recognised as one already applied). */
    RECORDED,
    /** No server has its server_ip; nothing was written. */
    UNKNOWN_SERVER,
    /** Its revision is above the server's desired revision; nothing was written. */
    REVISION_AHEAD
}
