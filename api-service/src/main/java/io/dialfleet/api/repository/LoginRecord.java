package io.dialfleet.api.repository;

/**
 * What the login rules (docs/spec/non-agent-api.md §4.2–4.4, 4.6, 4.7) need to know about an API user, its group, the
 * system settings and the client's address, read in one query.
 *
 * @param userId              null when no {@code vicidial_users} row has this name
 * @param lockExpired         {@code last_login_date} is more than 900 whole seconds in the past
 * @param loginUnchanged      a GOOD login would write nothing new (same second, count 0, same address)
 * @param groupExists         the user's {@code vicidial_user_groups} row exists
 * @param blockedBySystemList the client address (or its {@code .x} form) is on the system blacklist
 * @param onApiAllowList      the client address (or its {@code .x} form) is on the group's {@code api_ip_list}
 */
public record LoginRecord(
        Long userId,
        String passHash,
        int userLevel,
        String active,
        int failedLoginCount,
        boolean lockExpired,
        boolean loginUnchanged,
        String ignoreIpList,
        String apiAllowedFunctions,
        String userGroup,
        String astAdminAccess,
        String astDeletePhones,
        String vdcAgentApiAccess,
        boolean groupExists,
        String apiIpList,
        String adminViewableGroups,
        String allowIpLists,
        String systemIpBlacklist,
        boolean blockedBySystemList,
        boolean onApiAllowList,
        String passKey,
        int passCost) {

    public boolean exists() {
        return userId != null;
    }
}
