package io.dialfleet.api.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The internal endpoints the refresh-agents call (architecture.md: peer-config over an authenticated endpoint). */
@ConfigMapping(prefix = "dialfleet.internal")
public interface InternalConfig {

    /**
     * Bearer token the refresh-agents present to {@code /internal/v1/*}; absent or empty refuses every internal
     * request, since those answers carry phone secrets.
     */
    Optional<String> token();
}
