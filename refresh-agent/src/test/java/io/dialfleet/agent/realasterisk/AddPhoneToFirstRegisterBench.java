package io.dialfleet.agent.realasterisk;

import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.RealAsterisk;
import io.dialfleet.realasterisk.SipAnswer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measures add_phone → first REGISTER 200 OK through the agent on a real Asterisk at 100, 1,000 and 5,000 phones
 * and prints the figures (docs/benchmarks.md, "add_phone to first REGISTER on a real Asterisk"). Not part of the
 * suite (no {@code IT} suffix); run it with
 * {@code -Dit.test=AddPhoneToFirstRegisterBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * The time runs from the agent receiving the change to the first 200 OK; a REGISTER that is refused is sent again
 * at once, as a phone would after its retry interval.
 */
class AddPhoneToFirstRegisterBench {

    private static final int[] SERVER_SIZES = {100, 1000, 5000};
    private static final int ADDS_PER_SIZE = 3;
    private static final long GIVE_UP_MILLIS = 15_000;

    @ParameterizedTest
    @EnumSource(AsteriskLine.class)
    void addPhoneToFirstRegister(AsteriskLine line) {
        try (RealAsterisk asterisk = RealAsterisk.start(line, Path.of("target/real-asterisk"))) {
            TestServer server = new TestServer(line);
            Registrations registrations = new Registrations(asterisk, Path.of("target/real-asterisk/clients"));
            try (RealAgent agent = new RealAgent(asterisk, server)) {
                int next = 1;
                for (int size : SERVER_SIZES) {
                    int from = server.phones().size();
                    IntStream.range(from, size - ADDS_PER_SIZE).forEach(n -> server.add(TestPhone.sip("bn", 100000 + n)));
                    ServerRefreshCompleted fill = agent.change();
                    List<String> rows = new ArrayList<>();
                    for (int i = 0; i < ADDS_PER_SIZE; i++) {
                        TestPhone phone = server.add(TestPhone.sip("ba", 1000 * size + next++));
                        long start = System.nanoTime();
                        ServerRefreshCompleted report = agent.change();
                        long applied = System.nanoTime();
                        SipAnswer answer = registrations.sip(phone.extension, phone.secret);
                        int attempts = 1;
                        while (!answer.registered() && System.nanoTime() - start < GIVE_UP_MILLIS * 1_000_000) {
                            answer = registrations.sip(phone.extension, phone.secret);
                            attempts++;
                        }
                        long registered = System.nanoTime();
                        rows.add(String.format(Locale.ROOT, "%s %5d phones: run %s %6.0f ms, first 200 OK %s %6.0f ms"
                                + " (%d REGISTER attempts)", line, server.phones().size(), report.outcome(),
                                (applied - start) / 1e6, answer.registered() ? "after" : "NOT within",
                                (registered - start) / 1e6, attempts));
                    }
                    System.out.printf(Locale.ROOT, "BENCH %s fill to %d phones: %s in %d ms%n", line,
                            server.phones().size() - ADDS_PER_SIZE, fill.outcome(), fill.durationMs());
                    rows.forEach(row -> System.out.println("BENCH " + row));
                }
                long start = System.nanoTime();
                SipAnswer baseline = registrations.sip(server.phones().iterator().next().extension,
                        server.phones().iterator().next().secret);
                System.out.printf(Locale.ROOT, "BENCH %s one sipp REGISTER of a known phone: %s in %.0f ms%n", line,
                        baseline, (System.nanoTime() - start) / 1e6);
            }
        }
    }
}
