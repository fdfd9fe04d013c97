package io.dialfleet.realasterisk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers SIP users over UDP with Debian's sipp ({@code sip-tester}, {@code /usr/bin/sipp}) and the
 * {@code register-digest.xml} scenario: one REGISTER, answered with the password's digest when challenged. The final
 * answer of each user is read from sipp's message trace. Every packet stays on 127.0.0.1.
 */
public final class SippRegistrar {

    private static final Path SIPP = Path.of("/usr/bin/sipp");
    private static final Pattern STATUS_LINE = Pattern.compile("^SIP/2\\.0 (\\d{3}) ?(.*)$");
    private static final String CALL_ID = "Call-ID: ";
    private static final String USER_END = "///";
    /** Registrations started per second, and at most this many at once. */
    private static final int RATE = 200;
    private static final int CONCURRENT = 50;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(8);

    private final int asteriskPort;
    private final Path workDirectory;

    /**
     * @param asteriskPort  Asterisk's SIP UDP port on 127.0.0.1
     * @param workDirectory where the scenario, the users file and sipp's traces are written
     */
    public SippRegistrar(int asteriskPort, Path workDirectory) {
        this.asteriskPort = asteriskPort;
        this.workDirectory = workDirectory;
    }

    /** Whether sipp is installed here. */
    public static boolean available() {
        return Files.isExecutable(SIPP);
    }

    public SipAnswer register(String user, String password) {
        return registerAll(List.of(new SipCredentials(user, password))).get(user);
    }

    /** Registers every user (in parallel, one sipp run) and gives each one's final answer, in the given order. */
    public Map<String, SipAnswer> registerAll(List<SipCredentials> users) {
        if (!available()) {
            throw SuiteRequirement.skipOrFail("no sipp at " + SIPP + " (Debian package sip-tester)");
        }
        try {
            Path run = Files.createTempDirectory(Files.createDirectories(workDirectory.toAbsolutePath()), "sipp-");
            Path scenario = run.resolve("register-digest.xml");
            try (InputStream in = SippRegistrar.class.getResourceAsStream("register-digest.xml")) {
                Files.write(scenario, in.readAllBytes());
            }
            StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
            users.forEach(user -> inf.append(user.user()).append(';').append(user.password())
                    .append(";[authentication username=").append(user.user()).append(" password=")
                    .append(user.password()).append("]\n"));
            Path usersFile = run.resolve("users.csv");
            Files.writeString(usersFile, inf, StandardCharsets.UTF_8);
            Path trace = run.resolve("messages.log");
            runSipp(scenario, usersFile, trace, users.size(), run);
            return answers(users, trace);
        } catch (IOException e) {
            throw new UncheckedIOException("sipp registration failed", e);
        }
    }

    private void runSipp(Path scenario, Path usersFile, Path trace, int count, Path run) throws IOException {
        int localPort = FreePorts.pick();
        Process sipp = new ProcessBuilder(SIPP.toString(), "127.0.0.1:" + asteriskPort,
                "-sf", scenario.toString(), "-inf", usersFile.toString(), "-m", String.valueOf(count),
                "-r", String.valueOf(RATE), "-l", String.valueOf(CONCURRENT),
                "-i", "127.0.0.1", "-p", String.valueOf(localPort), "-t", "u1",
                "-recv_timeout", String.valueOf(ANSWER_TIMEOUT.toMillis()),
                "-timeout", (ANSWER_TIMEOUT.toSeconds() * 4 + count / 20) + "s",
                "-trace_msg", "-message_file", trace.toString(), "-nostdin")
                .directory(run.toFile())
                .redirectErrorStream(true)
                .redirectOutput(run.resolve("sipp.out").toFile())
                .start();
        try {
            if (!sipp.waitFor(ANSWER_TIMEOUT.toSeconds() * 6 + count / 10, TimeUnit.SECONDS)) {
                sipp.destroyForcibly();
                throw new IllegalStateException("sipp did not end; see " + run.resolve("sipp.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sipp.destroyForcibly();
            throw new IllegalStateException("interrupted while sipp ran", e);
        }
    }

    /** The last status line received for each user, matched by the Call-ID the scenario starts with the user. */
    private static Map<String, SipAnswer> answers(List<SipCredentials> users, Path trace) throws IOException {
        Map<String, SipAnswer> last = new LinkedHashMap<>();
        if (Files.exists(trace)) {
            SipAnswer pending = null;
            for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
                String text = line.strip();
                Matcher status = STATUS_LINE.matcher(text);
                if (status.matches()) {
                    pending = new SipAnswer(Integer.parseInt(status.group(1)), status.group(2));
                } else if (pending != null && text.regionMatches(true, 0, CALL_ID, 0, CALL_ID.length())) {
                    String callId = text.substring(CALL_ID.length());
                    int end = callId.indexOf(USER_END);
                    if (end > 0) {
                        last.put(callId.substring(0, end), pending);
                    }
                    pending = null;
                }
            }
        }
        Map<String, SipAnswer> result = new LinkedHashMap<>();
        users.forEach(user -> result.put(user.user(), last.getOrDefault(user.user(), SipAnswer.none(
                "no response within " + ANSWER_TIMEOUT.toSeconds() + " s"))));
        return result;
    }
}
