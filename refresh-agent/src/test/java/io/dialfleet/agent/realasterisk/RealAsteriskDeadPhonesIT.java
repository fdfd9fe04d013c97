package io.dialfleet.agent.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.Iax2Answer;
import io.dialfleet.realasterisk.RealAsterisk;
import io.dialfleet.realasterisk.SkipEachTestWhenNoAsterisk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phones a real Asterisk would take in and leave dead (issue 13, "Why"). Each case sits beside ten good phones and
 * must end in one of two ways: the run is APPLIED and the phone works, or the run is APPLIED with the phone in the
 * report's {@code excluded} list with a reason. Never APPLIED with a dead phone, and never a run that fails for the
 * good phones' sake. One Asterisk of each line for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SkipEachTestWhenNoAsterisk.class)
class RealAsteriskDeadPhonesIT {

    private static final int GOOD_PHONES = 10;

    private Rig pjsip;
    private Rig chanSip;

    @BeforeAll
    void startAsterisks() {
        pjsip = new Rig(AsteriskLine.PJSIP);
        chanSip = new Rig(AsteriskLine.CHAN_SIP);
    }

    @AfterAll
    void stopAsterisks() {
        for (Rig rig : new Rig[] {pjsip, chanSip}) {
            if (rig != null) {
                rig.close();
            }
        }
    }

    @Test
    void pjsipAnExtensionLongerThanAsteriskSectionNamesIsExcludedAndTakesNoOtherPhoneOver() {
        longExtensions(pjsip);
    }

    @Test
    void chanSipAnExtensionLongerThanAsteriskSectionNamesIsExcludedAndTakesNoOtherPhoneOver() {
        longExtensions(chanSip);
    }

    private void longExtensions(Rig rig) {
        rig.goodPhones("ln");
        TestPhone seventyNine = rig.server.add(TestPhone.named("e" + "x".repeat(78), 901));
        TestPhone eighty = rig.server.add(TestPhone.named("e" + "x".repeat(79), 902));
        TestPhone ninety = rig.server.add(TestPhone.named("l" + "a".repeat(89), 903));

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, ninety, () -> rig.refusal(ninety, ninety.secret));
        rig.assertWorkingOrExcluded(report, eighty, () -> rig.refusal(eighty, eighty.secret));
        assertThat(rig.registrations.registers(seventyNine, seventyNine.secret))
                .as("the 79-character phone registers with its own secret").isTrue();
        assertThat(rig.registrations.registers(seventyNine, eighty.secret))
                .as("the 79-character phone does not take the 80-character phone's secret").isFalse();
        rig.assertGoodPhonesRegister();
    }

    @Test
    void pjsipABlankedSecretExcludesThePhoneAndTheOldSecretStopsWorking() {
        blankedSecret(pjsip, TestPhone.sip("bp", 911));
    }

    @Test
    void chanSipABlankedSecretExcludesThePhoneAndNobodyRegistersWithoutOne() {
        blankedSecret(chanSip, TestPhone.sip("bc", 912));
    }

    @Test
    void iax2ABlankedSecretExcludesThePhoneAndNobodyRegistersWithoutOne() {
        blankedSecret(pjsip, TestPhone.iax2("bi", 913));
    }

    private void blankedSecret(Rig rig, TestPhone phone) {
        rig.goodPhones("b" + phone.extension);
        rig.server.add(phone);
        rig.applied(rig.agent.change());
        assertThat(rig.registrations.registers(phone, phone.secret)).as("registers before the change").isTrue();
        String old = phone.secret;
        phone.secret("");

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertExcluded(report, phone);
        assertThat(rig.registrations.answer(phone, old)).as("the old secret after blanking")
                .doesNotStartWith("200").doesNotStartWith("REGACK");
        assertThat(rig.registrations.answer(phone, "AnyGuess1")).as("any secret after blanking")
                .doesNotStartWith("200").doesNotStartWith("REGACK");
        rig.assertGoodPhonesRegister();
    }

    @Test
    void pjsipATemplateWithABadAorValueGivesAWorkingOrExcludedPhone() {
        Rig rig = pjsip;
        rig.goodPhones("ta");
        rig.server.template("badaor", "aor/max_contacts=1\naor/qualify_frequency=abc\nendpoint/context=default");
        TestPhone phone = rig.server.add(TestPhone.sip("ta", 921).template("badaor"));

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, phone, () -> rig.refusal(phone, phone.secret));
        rig.assertGoodPhonesRegister();
    }

    @Test
    void pjsipATemplateWithoutAorMaxContactsGivesAWorkingOrExcludedPhone() {
        Rig rig = pjsip;
        rig.goodPhones("tm");
        rig.server.template("nocontacts", "endpoint/context=default\nendpoint/allow=ulaw");
        TestPhone phone = rig.server.add(TestPhone.sip("tm", 922).template("nocontacts"));

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, phone, () -> rig.refusal(phone, phone.secret));
        rig.assertGoodPhonesRegister();
    }

    @Test
    void iax2AnExtensionNamedGeneralIsExcluded() {
        Rig rig = chanSip;
        rig.goodPhones("ig");
        TestPhone phone = rig.server.add(TestPhone.named("general", 931).protocol("IAX2"));

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, phone, () -> rig.refusal(phone, phone.secret));
        rig.assertGoodPhonesRegister();
    }

    @Test
    void chanSipATemplateAllowingOnlyAnUnknownCodecGivesAWorkingOrExcludedPhone() {
        Rig rig = chanSip;
        rig.goodPhones("tg");
        rig.server.template("g7231", "type=friend\nhost=dynamic\ncontext=default\ndisallow=all\nallow=g723.1");
        TestPhone phone = rig.server.add(TestPhone.sip("tg", 941).template("g7231"));

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, phone, () -> {
            Optional<String> refusal = rig.refusal(phone, phone.secret);
            if (refusal.isPresent()) {
                return refusal;
            }
            String peer = rig.asterisk.cli("sip show peer " + phone.extension);
            return peer.contains("(nothing)") ? Optional.of("registers but has no codec: every call to it fails")
                    : Optional.empty();
        });
        rig.assertGoodPhonesRegister();
    }

    @Test
    void pjsipAChanSipConfOverrideGivesAWorkingOrExcludedPhone() {
        Rig rig = pjsip;
        rig.goodPhones("co");
        TestPhone phone = rig.server.add(TestPhone.sip("co", 951)
                .confOverride("type=friend\nhost=dynamic\nsecret=PwCo951x\ncontext=default\n"));
        phone.secret("PwCo951x");

        ServerRefreshCompleted report = rig.agent.change();

        rig.assertWorkingOrExcluded(report, phone, () -> rig.refusal(phone, phone.secret));
        rig.assertGoodPhonesRegister();
    }

    @Test
    void pjsipOneBadPhoneDoesNotBlockTheGoodPhonesLaterChanges() {
        Rig rig = pjsip;
        rig.goodPhones("ob");
        rig.server.add(TestPhone.sip("ob", 961).confOverride("type=friend\nhost=dynamic\ncontext=default\n"));
        rig.agent.change();

        laterChangesApply(rig, "ob");
    }

    @Test
    void chanSipOneBadPhoneDoesNotBlockTheGoodPhonesLaterChanges() {
        Rig rig = chanSip;
        rig.goodPhones("oc");
        rig.server.add(TestPhone.named("general", 962).protocol("IAX2"));
        rig.agent.change();

        laterChangesApply(rig, "oc");
    }

    private static void laterChangesApply(Rig rig, String prefix) {
        TestPhone changed = rig.server.phone(prefix + 3);
        String old = changed.secret;
        changed.secret("Changed" + prefix + "3x");
        TestPhone added = rig.server.add(TestPhone.sip(prefix, 99));

        rig.applied(rig.agent.change());

        assertThat(rig.registrations.registers(changed, changed.secret)).as("new password of a good phone").isTrue();
        assertThat(rig.registrations.registers(changed, old)).as("old password of a good phone").isFalse();
        assertThat(rig.registrations.registers(added, added.secret)).as("a good phone added later").isTrue();
    }

    /** One Asterisk with its agent, desired server and clients. */
    private static final class Rig implements AutoCloseable {
        private final RealAsterisk asterisk;
        private final TestServer server;
        private final RealAgent agent;
        private final Registrations registrations;
        private final List<TestPhone> good = new ArrayList<>();

        Rig(AsteriskLine line) {
            asterisk = RealAsterisk.start(line, Path.of("target/real-asterisk"));
            server = new TestServer(line);
            agent = new RealAgent(asterisk, server);
            registrations = new Registrations(asterisk, Path.of("target/real-asterisk/clients"));
        }

        /** Replaces the server's phones with ten good ones, {@code <prefix>1} to {@code <prefix>10}. */
        void goodPhones(String prefix) {
            server.clear();
            good.clear();
            IntStream.rangeClosed(1, GOOD_PHONES).forEach(n -> good.add(server.add(TestPhone.sip(prefix, n))));
        }

        void assertGoodPhonesRegister() {
            assertThat(registrations.failures(good)).as("good phones that did not register").isEmpty();
        }

        ServerRefreshCompleted applied(ServerRefreshCompleted report) {
            assertThat(report.outcome()).as(() -> describe(report)).isEqualTo(RefreshOutcome.APPLIED);
            return report;
        }

        /** Why {@code phone} does not work with {@code secret}, or empty when it registers. */
        Optional<String> refusal(TestPhone phone, String secret) {
            return registrations.registers(phone, secret) ? Optional.empty()
                    : Optional.of("registering gives " + registrations.answer(phone, secret));
        }

        /**
         * The run is APPLIED, and the phone either is in {@code excluded} with a reason or works ({@code problem}
         * gives nothing).
         */
        void assertWorkingOrExcluded(ServerRefreshCompleted report, TestPhone phone,
                Supplier<Optional<String>> problem) {
            applied(report);
            if (excludedEntry(report, phone).isPresent()) {
                assertExcluded(report, phone);
                return;
            }
            assertThat(problem.get()).as(() -> "phone " + phone.extension
                    + " was neither excluded nor working after an APPLIED run; " + describe(report)).isEmpty();
        }

        void assertExcluded(ServerRefreshCompleted report, TestPhone phone) {
            applied(report);
            Optional<ExcludedPhone> entry = excludedEntry(report, phone);
            assertThat(entry).as(() -> "phone " + phone.extension + " in excluded; " + describe(report)).isPresent();
            assertThat(entry.get().reason()).as("reason of the exclusion").isNotBlank();
        }

        private static Optional<ExcludedPhone> excludedEntry(ServerRefreshCompleted report, TestPhone phone) {
            return report.excluded() == null ? Optional.empty()
                    : report.excluded().stream().filter(e -> phone.extension.equals(e.extension())).findFirst();
        }

        String describe(ServerRefreshCompleted report) {
            return "run " + report.outcome() + ", error: " + report.error() + ", excluded: " + report.excluded()
                    + ", warnings: " + report.warnings() + "\nAsterisk's log:\n" + asterisk.logTail(20);
        }

        @Override
        public void close() {
            agent.close();
            asterisk.close();
        }
    }
}
