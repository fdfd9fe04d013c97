package io.dialfleet.agent.install;

import io.dialfleet.agent.config.AgentConfig;
import io.dialfleet.agent.render.ConfFile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The five include files the agent owns, named as configured, and their creation before the first run. */
public final class IncludeFiles {

    private IncludeFiles() {
    }

    /** Each file's configured name. */
    public static Map<ConfFile, String> names(AgentConfig.Conf conf) {
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        names.put(ConfFile.SIP, conf.sipFile());
        names.put(ConfFile.PJSIP, conf.pjsipFile());
        names.put(ConfFile.IAX, conf.iaxFile());
        names.put(ConfFile.EXTENSIONS, conf.extensionsFile());
        names.put(ConfFile.VOICEMAIL, conf.voicemailFile());
        return names;
    }

    /** The installer of the configured directory, owner and mode. */
    public static ConfInstaller installer(AgentConfig.Conf conf) {
        return new ConfInstaller(conf.directory(), conf.owner(), conf.mode());
    }

    /**
     * Writes the empty content of every include file that does not exist yet, so that the operator's {@code #include}
     * lines never name a missing file; files already there are left alone.
     *
     * @return the names of the files written
     */
    public static List<String> createMissing(AgentConfig config) {
        return installer(config.conf()).createMissing(
                EmptyIncludes.of(config.serverIp(), config.serverIp(), names(config.conf())));
    }
}
