package io.dialfleet.api.compat;

import java.util.Locale;
import java.util.Map;

/** The optional phone fields add_phone and update_phone treat alike (§5.3, §6.2). */
final class OptionalFields {

    static final String BLANK = "--BLANK--";

    private OptionalFields() {
    }

    /** The webphone flags ({@link PhoneField#FLAGS}): taken upper-cased when allowed in any case, else ignored. */
    static void putWebphoneFlags(ApiRequest request, Map<String, Object> columns) {
        for (PhoneField flag : PhoneField.FLAGS) {
            String value = request.get(flag.parameter()).toUpperCase(Locale.ROOT);
            if (flag.update().allowed().contains(value)) {
                columns.put(flag.column(), value);
            }
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
