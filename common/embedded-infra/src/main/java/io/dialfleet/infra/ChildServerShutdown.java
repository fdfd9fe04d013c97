package io.dialfleet.infra;

import java.nio.file.Path;

/**
 * Closing a server that runs as a child process of this JVM, exactly once: stop it, drop its JVM shutdown hook and
 * delete its temporary directory. The hook runs the same close when the JVM exits first, possibly while the owner
 * closes the server too: the second caller waits for the first.
 */
final class ChildServerShutdown {

    private final Runnable stop;
    private final Path temporaryRoot;
    private final Thread hook;
    private boolean closed;

    /**
     * @param stop          stops the server and waits for it to end
     * @param temporaryRoot deleted once the server stopped; {@code null} for a kept data directory
     */
    ChildServerShutdown(String hookName, Runnable stop, Path temporaryRoot) {
        this.stop = stop;
        this.temporaryRoot = temporaryRoot;
        this.hook = new Thread(this::close, hookName);
    }

    /** From now on the server is stopped when the JVM exits. */
    void registerHook() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is already shutting down (the hook may be the caller), or the hook was never added.
        }
        Directories.deleteQuietly(temporaryRoot);
    }
}
