package io.dialfleet.infra;

/** Starts MariaDB: the machine's binaries, or a container when containers are asked for and Docker answers. */
public final class MariaDb {

    private MariaDb() {
    }

    /** What the system properties and environment ask for ({@code dialfleet.infra}, {@code dialfleet.infra.mariadb.*}). */
    public static MariaDbServer start() {
        return start(InfraSettings.read(InfraSettings.MODE, InfraMode::parse, InfraMode.EMBEDDED),
                MariaDbOptions.fromEnvironment());
    }

    public static MariaDbServer start(InfraMode requested, MariaDbOptions options) {
        return Infrastructure.chooseMode(requested, DockerProbe::dockerAnswers) == InfraMode.CONTAINERS
                ? ContainerMariaDbServer.start(options)
                : SystemMariaDbServer.start(options);
    }
}
