package io.dialfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    @Test
    void embeddedNeverAsksForDocker() {
        assertThat(Infrastructure.chooseMode(InfraMode.EMBEDDED, () -> {
            throw new AssertionError("the Docker probe must not run in embedded mode");
        })).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void containersWhenAskedForAndDockerAnswers() {
        assertThat(Infrastructure.chooseMode(InfraMode.CONTAINERS, () -> true)).isEqualTo(InfraMode.CONTAINERS);
    }

    @Test
    void embeddedWhenContainersAreAskedForButNoDockerAnswers() {
        assertThat(Infrastructure.chooseMode(InfraMode.CONTAINERS, () -> false)).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void thisMachineProbesWithinAboutASecond() {
        long began = System.nanoTime();
        DockerProbe.dockerAnswers();
        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(3_000);
    }
}
