package io.dialfleet.api.repository;

/** A {@code vicidial_api_log} row, values as the request had them; the repository cuts them to their columns. */
public record ApiLogEntry(String user, String agentUser, String function, String source, String result,
        String resultReason, String data, String runTime) {
}
