package io.dialfleet.api.compat;

import io.dialfleet.api.repository.LoginRecord;

/** The authenticated API user's row, as the function checks read it (§4.6–4.9). */
record ApiUser(String allowedFunctions, String userGroup, boolean groupExists, String adminViewableGroups,
        int userLevel, String active, String astAdminAccess, String astDeletePhones, String vdcAgentApiAccess) {

    static ApiUser from(LoginRecord login) {
        return new ApiUser(login.apiAllowedFunctions(), login.userGroup(), login.groupExists(),
                login.adminViewableGroups(), login.userLevel(), login.active(), login.astAdminAccess(),
                login.astDeletePhones(), login.vdcAgentApiAccess());
    }

    /** §4.7 step 2: a space-delimited name, or ALL_FUNCTIONS anywhere. */
    boolean mayUse(String function) {
        String allowed = allowedFunctions == null ? "" : allowedFunctions;
        return allowed.contains(" " + function + " ") || allowed.contains("ALL_FUNCTIONS");
    }

    /** §4.7 step 3. */
    boolean mayAdminister() {
        return isApiLevelAdmin() && "1".equals(astAdminAccess);
    }

    /** An operator of the JSON API and the seed import: active, level 9, {@code ast_admin_access} 1. */
    boolean isOperator() {
        return userLevel >= 9 && "1".equals(astAdminAccess) && "Y".equals(active);
    }

    /** §4.8: {@code ast_admin_access} is not checked again. */
    boolean mayDelete() {
        return isApiLevelAdmin() && "1".equals(astDeletePhones);
    }

    private boolean isApiLevelAdmin() {
        return "1".equals(vdcAgentApiAccess) && userLevel >= 8 && "Y".equals(active);
    }
}
