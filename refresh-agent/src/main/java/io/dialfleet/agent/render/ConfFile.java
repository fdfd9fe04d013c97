package io.dialfleet.agent.render;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The five include files the agent owns and the Asterisk module that reads each (docs/spec/conf-generation.md, "Files"): the
 * one list of them, for the renderer, the installer and the reloads. Every reload is a
 * {@code module reload <module>}: those take Asterisk's global reload lock and say so when it is busy, where
 * {@code iax2 reload} and {@code dialplan reload} do not (docs/spec/asterisk-behaviour.md).
 */
public enum ConfFile {
    SIP("dialfleet-sip.conf", "chan_sip.so", 2),
    PJSIP("dialfleet-pjsip.conf", "res_pjsip.so", 3),
    IAX("dialfleet-iax.conf", "chan_iax2.so", 4),
    EXTENSIONS("dialfleet-extensions.conf", "pbx_config.so", 1),
    VOICEMAIL("dialfleet-voicemail.conf", "app_voicemail.so", 5);

    private static final List<ConfFile> RELOAD_ORDER = Arrays.stream(values())
            .sorted(Comparator.comparingInt(ConfFile::reloadOrder))
            .toList();

    private final String defaultName;
    private final String module;
    private final int reloadOrder;

    ConfFile(String defaultName, String module, int reloadOrder) {
        this.defaultName = defaultName;
        this.module = module;
        this.reloadOrder = reloadOrder;
    }

    /** The file name used when the agent's configuration names no other. */
    public String defaultName() {
        return defaultName;
    }

    /** The name Asterisk knows the module that reads the file by, e.g. {@code res_pjsip.so}. */
    public String module() {
        return module;
    }

    /** Position in the reload sequence, 1 first: extensions, sip, pjsip, iax, voicemail. */
    public int reloadOrder() {
        return reloadOrder;
    }

    /** All files in the order their modules are reloaded. */
    public static List<ConfFile> inReloadOrder() {
        return RELOAD_ORDER;
    }

    /** The given files in the order their modules are reloaded. */
    public static List<ConfFile> inReloadOrder(Collection<ConfFile> files) {
        return RELOAD_ORDER.stream().filter(files::contains).toList();
    }
}
