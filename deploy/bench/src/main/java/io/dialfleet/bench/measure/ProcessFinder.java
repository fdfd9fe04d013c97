package io.dialfleet.bench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Finds the processes of an attached system, whose pids the tool did not get by starting them. */
public final class ProcessFinder {

    private ProcessFinder() {
    }

    /**
     * The api-service behind a local URL: the process listening on its port, else the one java process running the
     * api-service's runner jar. Empty when neither finds exactly one: then give {@code --api-pid}.
     */
    public static OptionalLong apiService(int port) {
        OptionalLong listener = listening(port);
        return listener.isPresent() ? listener : apiServiceByCommandLine();
    }

    /** The process with a listening TCP socket on this port (from /proc/net/tcp{,6} and the processes' fds). */
    static OptionalLong listening(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (field 9); st 0A is LISTEN
                    if (fields.length > 9 && fields[1].contains(":") && fields[3].equals("0A")
                            && Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16) == port) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // no such table (IPv6 off) or not readable: the other one may do
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        for (ProcStat process : ProcStat.all()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
                for (Path fd : fds) {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return OptionalLong.of(process.pid());
                    }
                }
            } catch (IOException | RuntimeException notOurs) {
                // a process we may not look into, or one that ended meanwhile
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong apiServiceByCommandLine() {
        long self = ProcessHandle.current().pid();
        List<Long> candidates = ProcStat.all().stream()
                .filter(process -> process.comm().equals("java") && process.pid() != self)
                .map(ProcStat::pid)
                .filter(pid -> {
                    String command = ProcStat.commandLine(pid);
                    return command.contains("api-service/target/quarkus-app/quarkus-run.jar")
                            || command.contains("dialfleet-api-service");
                })
                .toList();
        return candidates.size() == 1 ? OptionalLong.of(candidates.get(0)) : OptionalLong.empty();
    }

    /**
     * The postmaster that serves a backend: its parent. Empty when the backend is not visible here (PostgreSQL on
     * another machine or in another pid namespace) or its parent is not a postgres process.
     */
    public static Optional<Long> postmasterOf(long backendPid) {
        return ProcStat.read(backendPid)
                .filter(backend -> backend.comm().startsWith("postgres"))
                .flatMap(backend -> ProcStat.read(backend.ppid()))
                .filter(parent -> parent.comm().startsWith("postgres"))
                .map(ProcStat::pid);
    }
}
