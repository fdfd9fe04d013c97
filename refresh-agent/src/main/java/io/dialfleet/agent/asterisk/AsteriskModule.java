package io.dialfleet.agent.asterisk;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Asterisk modules whose configuration the agent owns (conf-generation.md, "Files"). Only these can be reloaded.
 */
public enum AsteriskModule {
    CHAN_SIP("chan_sip.so"),
    RES_PJSIP("res_pjsip.so"),
    CHAN_IAX2("chan_iax2.so"),
    PBX_CONFIG("pbx_config.so"),
    APP_VOICEMAIL("app_voicemail.so");

    private final String soName;

    AsteriskModule(String soName) {
        this.soName = soName;
    }

    /** The name Asterisk knows the module by, e.g. {@code res_pjsip.so}. */
    public String soName() {
        return soName;
    }

    /** The module called {@code soName} (e.g. {@code "chan_iax2.so"}), if it is one of ours. */
    public static Optional<AsteriskModule> bySoName(String soName) {
        return Arrays.stream(values()).filter(m -> m.soName.equals(soName)).findFirst();
    }
}
