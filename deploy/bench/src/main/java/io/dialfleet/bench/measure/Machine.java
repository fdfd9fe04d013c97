package io.dialfleet.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine and the code a benchmark ran on, for the header of every table.
 *
 * @param commit      {@code git rev-parse --short HEAD}
 * @param dirty       the working tree had uncommitted changes: the commit alone does not reproduce the run
 */
public record Machine(int cores, String cpuModel, double memoryGiB, String jdk, String kernel, String commit,
        boolean dirty) {

    public static Machine describe(Path projectRoot) {
        String commit = run(projectRoot, "git", "rev-parse", "--short", "HEAD");
        String status = run(projectRoot, "git", "status", "--porcelain", "--untracked-files=no");
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryGiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                run(projectRoot, "uname", "-r"), commit.isEmpty() ? "unknown" : commit, !status.isEmpty());
    }

    public String summary() {
        return String.format("%d cores (%s), %.1f GiB memory, %s, Linux %s", cores, cpuModel, memoryGiB, jdk, kernel);
    }

    public String commitText() {
        return commit + (dirty ? " (with uncommitted changes)" : "");
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static double readMemoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
