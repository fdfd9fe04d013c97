package io.dialfleet.infra;

import org.testcontainers.containers.GenericContainer;

/**
 * A server in a Docker container that outage tests take down and bring back. {@link #stop()} pauses the container
 * instead of stopping it: a stopped container gets a new host port when it starts again, and clients would never find
 * it. Paused, the server keeps its address and data but answers nothing, so clients time out rather than being
 * refused.
 */
abstract class PausableContainer {

    private final GenericContainer<?> container;
    private boolean paused;

    PausableContainer(GenericContainer<?> container) {
        this.container = container;
    }

    /** Starts the container; if it does not start, closes it and says which server failed. */
    static <C extends GenericContainer<?>> C started(C container, String what) {
        try {
            container.start();
            return container;
        } catch (RuntimeException e) {
            container.close();
            throw new InfraStartException(what + " container " + container.getDockerImageName() + " did not start", e);
        }
    }

    /** Pauses the container; idempotent. */
    public synchronized void stop() {
        if (!paused) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    /** Unpauses the container; idempotent. */
    public synchronized void start() {
        if (paused) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
        }
    }

    public synchronized boolean isRunning() {
        return !paused && container.isRunning();
    }

    public void close() {
        container.close();
    }
}
