package io.dialfleet.realasterisk;

import java.util.List;

/** The two Asterisks {@code deploy/asterisk/build} builds, with the modules each one loads. */
public enum AsteriskLine {

    /** Post-23 master with PJSIP (bundled pjproject 2.17); no chan_sip. */
    PJSIP("pjsip", "23.0.0", List.of("res_timing_timerfd", "res_sorcery_config", "res_sorcery_memory",
            "res_sorcery_astdb", "res_pjproject", "res_crypto", "res_http_websocket", "res_srtp", "res_rtp_asterisk",
            "res_format_attr_opus", "res_mwi_devstate", "res_pjsip", "res_pjsip_config_wizard",
            "res_pjsip_registrar", "res_pjsip_authenticator_digest", "res_pjsip_outbound_authenticator_digest",
            "res_pjsip_endpoint_identifier_user", "res_pjsip_endpoint_identifier_ip", "res_pjsip_session",
            "res_pjsip_sdp_rtp", "res_pjsip_nat", "res_pjsip_pubsub", "res_pjsip_mwi", "res_pjsip_mwi_body_generator",
            "res_pjsip_path", "res_pjsip_caller_id", "res_pjsip_logger", "res_pjsip_dtmf_info",
            "res_pjsip_transport_websocket", "chan_pjsip", "chan_iax2", "pbx_config", "app_dial", "app_voicemail",
            "codec_ulaw", "codec_alaw", "codec_gsm", "format_wav", "format_gsm", "format_pcm", "func_callerid",
            "func_strings", "bridge_simple", "bridge_native_rtp")),

    /** Asterisk 18.18.0 with chan_sip, what most VICIdial clusters run. */
    CHAN_SIP("chansip", "18.18.0", List.of("res_timing_timerfd", "res_rtp_asterisk", "chan_sip", "chan_iax2",
            "pbx_config", "app_dial", "app_voicemail", "codec_ulaw", "codec_alaw", "codec_gsm", "format_wav",
            "format_gsm", "format_pcm", "func_callerid", "func_strings", "bridge_simple", "bridge_native_rtp"));

    private final String buildName;
    private final String version;
    private final List<String> modules;

    AsteriskLine(String buildName, String version, List<String> modules) {
        this.buildName = buildName;
        this.version = version;
        this.modules = modules;
    }

    /** The argument of {@code deploy/asterisk/build} and the first word of its output line. */
    public String buildName() {
        return buildName;
    }

    /** What a VICIdial {@code servers.asterisk_version} would say for this line (its major decides the SIP stack). */
    public String version() {
        return version;
    }

    /** The modules {@code modules.conf} loads (without {@code .so}). */
    public List<String> modules() {
        return modules;
    }
}
