package io.dialfleet.agent.refresh;

import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.RenderedConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Before a PJSIP file that removes more than {@link Asterisk#pjsipRemovalsPerReload()} phones, installs and reloads
 * the installed file without them a batch at a time ({@link PjsipRemovalStages}).
 */
final class StagedPjsipRemoval {

    private static final Logger LOG = Logger.getLogger(StagedPjsipRemoval.class);

    private final String serverIp;
    private final RunTools tools;
    private final InstallReloadVerify step;

    StagedPjsipRemoval(String serverIp, RunTools tools, InstallReloadVerify step) {
        this.serverIp = serverIp;
        this.tools = tools;
        this.step = step;
    }

    /**
     * @param before the files' content before the run, by name
     * @return {@link Attempt#OK} when every step reloaded (or there was none), else how the step failed
     */
    Attempt run(Map<String, byte[]> before, RenderedConfig rendered, RunReport report) throws InterruptedException {
        String name = tools.files().name(ConfFile.PJSIP);
        Asterisk asterisk = tools.asterisk().orElseThrow();
        byte[] installed = before.get(name);
        if (installed == null) {
            return Attempt.OK;
        }
        List<byte[]> stages = PjsipRemovalStages.intermediates(new String(installed, StandardCharsets.UTF_8),
                rendered.names().of(ConfFile.PJSIP), asterisk.pjsipRemovalsPerReload());
        for (int step = 0; step < stages.size(); step++) {
            Attempt attempt = this.step.install(tools.installer().compare(Map.of(name, stages.get(step))));
            if (attempt.ok()) {
                attempt = this.step.reload(List.of(ConfFile.PJSIP), report);
            }
            if (!attempt.ok()) {
                return new Attempt("removing PJSIP phones in steps of " + asterisk.pjsipRemovalsPerReload()
                        + ", step " + (step + 1) + " of " + (stages.size() + 1) + ": " + attempt.problem(), null,
                        attempt.settled());
            }
            LOG.infof("server %s: removing PJSIP phones, step %d of %d reloaded in %d ms", serverIp, step + 1,
                    stages.size() + 1, report.reloads.get(report.reloads.size() - 1).millis());
        }
        return Attempt.OK;
    }
}
