package io.dialfleet.api.compat;

import static io.dialfleet.api.compat.ApiParameter.IS_WEBPHONE;
import static io.dialfleet.api.compat.ApiParameter.ON_HOOK_AGENT;
import static io.dialfleet.api.compat.ApiParameter.USE_EXTERNAL_SERVER_IP;
import static io.dialfleet.api.compat.ApiParameter.WEBPHONE_AUTO_ANSWER;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The optional phone fields add_phone and update_phone treat alike (§5.3, §6.2). */
final class OptionalFields {

    static final String BLANK = "--BLANK--";

    private static final Set<String> YES_NO = Set.of("Y", "N");
    private static final Set<String> WEBPHONE = Set.of("Y", "N", "Y_API_LAUNCH");
    private static final List<ApiParameter> YES_NO_FLAGS = List.of(WEBPHONE_AUTO_ANSWER, USE_EXTERNAL_SERVER_IP,
            ON_HOOK_AGENT);

    private OptionalFields() {
    }

    /** The four webphone flags: used upper-cased when valid in any letter case, otherwise silently ignored. */
    static void putWebphoneFlags(ApiRequest request, Map<String, Object> columns) {
        putFlag(request, IS_WEBPHONE, WEBPHONE, columns);
        for (ApiParameter flag : YES_NO_FLAGS) {
            putFlag(request, flag, YES_NO, columns);
        }
    }

    private static void putFlag(ApiRequest request, ApiParameter flag, Set<String> allowed,
            Map<String, Object> columns) {
        String value = request.get(flag).toUpperCase(Locale.ROOT);
        if (allowed.contains(value)) {
            columns.put(flag.wireName(), value);
        }
    }

    /** {@code template_id} is looked at from 2 characters on; {@code --BLANK--} in any case clears it. */
    static boolean templateGiven(String templateId) {
        return templateId.length() >= 2;
    }

    static boolean clearsTemplate(String templateId) {
        return BLANK.equalsIgnoreCase(templateId);
    }

    static boolean isProtocol(String protocol) {
        return switch (protocol) {
            case "IAX2", "SIP", "Zap", "EXTERNAL" -> true;
            default -> false;
        };
    }
}
