package io.dialfleet.realasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of one Asterisk run, all inside {@code root}; the installed modules, sounds and binaries are linked in
 * from the build's prefix. The control socket lives in a short folder under /tmp when {@code root} is so deep that
 * its path would pass the 107 bytes a Unix socket name may have.
 */
record RunLayout(Path root, Path confDirectory, Path modules, Path varlib, Path data, Path spool, Path control,
        Path logs, Path sbin) {

    private static final int SOCKET_PATH_LIMIT = 100;

    static RunLayout create(Path root, Path prefix) {
        try {
            Files.createDirectories(root);
            Path control = root.resolve("run");
            if (control.toAbsolutePath().toString().length() + "/asterisk.ctl".length() > SOCKET_PATH_LIMIT) {
                control = Files.createTempDirectory("df-ast-");
            }
            RunLayout layout = new RunLayout(root, root.resolve("etc"), root.resolve("modules"),
                    root.resolve("lib"), root.resolve("data"), root.resolve("spool"), control, root.resolve("log"),
                    root.resolve("sbin"));
            for (Path dir : new Path[] {layout.confDirectory, layout.varlib, layout.varlib.resolve("keys"),
                    layout.spool, layout.control, layout.logs}) {
                Files.createDirectories(dir);
            }
            Files.createSymbolicLink(layout.modules, prefix.resolve("lib/asterisk/modules"));
            Files.createSymbolicLink(layout.data, prefix.resolve("var/lib/asterisk"));
            Files.createSymbolicLink(layout.sbin, prefix.resolve("sbin"));
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out an Asterisk run in " + root, e);
        }
    }

    Path asteriskConf() {
        return root.resolve("asterisk.conf");
    }

    Path binary() {
        return sbin.resolve("asterisk");
    }

    /** Asterisk's console output (stdout and stderr). */
    Path consoleLog() {
        return root.resolve("asterisk.out");
    }

    /** The {@code messages.log} file logger: notices, warnings, errors and verbose level 3. */
    Path messagesLog() {
        return logs.resolve("messages.log");
    }
}
