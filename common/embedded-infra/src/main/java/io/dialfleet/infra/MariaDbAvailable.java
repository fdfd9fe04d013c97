package io.dialfleet.infra;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a MariaDB can be started ({@link MariaDb#start}): the machine's {@code mariadbd}
 * (Debian's {@code mariadb-server-core}), or Docker when containers were asked for. No Maven artifact of MariaDB
 * resolves here, so on a machine without either the class is skipped with one line saying what to install — unless
 * {@value #REQUIRED}{@code =required} (as {@code .ci/run} sets it), where it runs and fails with the reason.
 */
public final class MariaDbAvailable implements ExecutionCondition {

    /** The environment variable that makes a missing MariaDB a failure instead of a skip. */
    public static final String REQUIRED = "DIALFLEET_MARIADB";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("required".equalsIgnoreCase(System.getenv(REQUIRED))) {
            return ConditionEvaluationResult.enabled(REQUIRED + "=required");
        }
        InfraMode mode = Infrastructure.chooseMode(InfraSettings.read(InfraSettings.MODE, InfraMode::parse,
                InfraMode.EMBEDDED), DockerProbe::dockerAnswers);
        if (mode == InfraMode.CONTAINERS) {
            return ConditionEvaluationResult.enabled("MariaDB in a container");
        }
        try {
            SystemMariaDbServer.findBinDirectory();
            return ConditionEvaluationResult.enabled("the machine's mariadbd");
        } catch (InfraStartException e) {
            String reason = "VICIdial bridge tests skipped: " + e.getMessage()
                    + " (Debian: apt-get install mariadb-server-core mariadb-client-core)";
            System.out.println(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
