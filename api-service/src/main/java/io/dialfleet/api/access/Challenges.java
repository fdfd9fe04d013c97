package io.dialfleet.api.access;

import java.util.List;

/** The {@code WWW-Authenticate} challenges of a refused request, by path. */
public final class Challenges {

    /** The internal endpoint of the refresh-agents. */
    public static final String INTERNAL_PATH = "/internal/";
    private static final String OPERATOR_REALM = "realm=\"dialfleet admin\"";

    private Challenges() {
    }

    /** Agents get the Bearer challenge; the JSON API offers Basic, and Bearer when an operator token is configured. */
    public static List<String> of(String path, boolean operatorTokenEnabled) {
        if (path != null && path.startsWith(INTERNAL_PATH)) {
            return List.of("Bearer realm=\"dialfleet internal\"");
        }
        return operatorTokenEnabled
                ? List.of("Basic " + OPERATOR_REALM + ", charset=\"UTF-8\"", "Bearer " + OPERATOR_REALM)
                : List.of("Basic " + OPERATOR_REALM + ", charset=\"UTF-8\"");
    }
}
