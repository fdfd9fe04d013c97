package io.dialfleet.agent.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.Iax2Answer;
import io.dialfleet.realasterisk.RealAsterisk;
import io.dialfleet.realasterisk.SipAnswer;
import io.dialfleet.realasterisk.SkipEachTestWhenNoAsterisk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent's happy path on a real Asterisk of one line, told as one server's life: a small server of 20 phones
 * (add, password change, delete, an alias change, server_refresh, IAX2), the same server grown to 1,000 phones, and
 * an audit that registers every phone with its stored secret. One Asterisk per class; the tests run in order and
 * share the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SkipEachTestWhenNoAsterisk.class)
abstract class RealAsteriskSuite {

    private static final int SMALL_SERVER = 20;
    private static final int LARGE_SERVER = 1000;
    private static final Pattern CHAN_SIP_REGISTERED = Pattern.compile("Addr->IP\\s*:\\s*\\d|^/SIP/Registry/",
            Pattern.MULTILINE);

    protected RealAsterisk asterisk;
    protected TestServer server;
    protected RealAgent agent;
    protected Registrations registrations;
    /** Phones deleted during the story, with the secret each had: none may register any more. */
    protected final List<TestPhone> deleted = new ArrayList<>();

    protected abstract AsteriskLine line();

    @BeforeAll
    void startAsterisk() {
        asterisk = RealAsterisk.start(line(), Path.of("target/real-asterisk"));
        server = new TestServer(line());
        agent = new RealAgent(asterisk, server);
        registrations = new Registrations(asterisk, Path.of("target/real-asterisk/clients"));
    }

    @AfterAll
    void stopAsterisk() {
        if (agent != null) {
            agent.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    @Order(1)
    void aSmallServerIsAppliedAndEveryPhoneRegisters() {
        IntStream.rangeClosed(1, SMALL_SERVER - 2).forEach(n -> server.add(TestPhone.sip("sm", 100 + n)));
        server.add(TestPhone.iax2("sx", 201));
        server.add(TestPhone.iax2("sx", 202));

        applied(agent.change());

        assertThat(registrations.failures(server.phones())).isEmpty();
    }

    @Test
    @Order(2)
    void anAddedPhoneRegistersWithItsSecretAndNoOther() {
        TestPhone phone = server.add(TestPhone.sip("ad", 301));

        applied(agent.change());

        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertRefused(registrations.sip(phone.extension, "NotTheSecret1"));
    }

    @Test
    @Order(3)
    void aPasswordChangeTakesEffectAndTheOldOneIsRefused() {
        TestPhone phone = server.phone("sm105");
        String old = phone.secret;
        phone.secret("NewPw105x");

        applied(agent.change());

        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertRefused(registrations.sip(phone.extension, old));
    }

    @Test
    @Order(4)
    void aDeletedPhoneIsRefused() {
        TestPhone phone = server.phone("sm106");
        server.remove(phone.extension);
        deleted.add(phone);

        applied(agent.change());

        assertRefused(registrations.sip(phone.extension, phone.secret));
    }

    @Test
    @Order(5)
    void anAliasChangeLeavesAsteriskAsItIs() {
        // An alias is not part of the peer configuration: the refresh it requests finds nothing to change.
        ServerRefreshCompleted report = agent.change();

        assertThat(report.outcome()).as(() -> describe(report)).isEqualTo(RefreshOutcome.UNCHANGED);
        assertThat(report.reloads()).isEmpty();
        assertThat(report.files()).noneMatch(ServerRefreshCompleted.FileResult::changed);
        assertThat(registrations.sip("sm101", server.phone("sm101").secret).status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aServerRefreshReloadsEveryModuleAndEveryPhoneStillRegisters() {
        ServerRefreshCompleted report = applied(agent.forcedRefresh());

        assertReloadedEveryModule(report);
        assertThat(registrations.failures(server.phones())).isEmpty();
    }

    @Test
    @Order(7)
    void anIax2PhoneRegistersWithItsSecretOnlyAndAfterAPasswordChange() {
        TestPhone phone = server.add(TestPhone.iax2("ix", 401));

        applied(agent.change());

        Iax2Answer right = registrations.iax2(phone.extension, phone.secret);
        assertThat(right.kind()).as(right.toString()).isEqualTo(Iax2Answer.Kind.REGACK);
        assertThat(right.challenged()).as("asked for its secret").isTrue();
        assertThat(registrations.iax2(phone.extension, "NotTheSecret1").kind()).isEqualTo(Iax2Answer.Kind.REGREJ);

        String old = phone.secret;
        phone.secret("NewPwIx401x");
        applied(agent.change());

        assertThat(registrations.iax2(phone.extension, phone.secret).kind()).isEqualTo(Iax2Answer.Kind.REGACK);
        assertThat(registrations.iax2(phone.extension, old).kind()).isEqualTo(Iax2Answer.Kind.REGREJ);
    }

    @Test
    @Order(10)
    void aDeletedPhonesRegistrationIsRemovedAndTheExtensionAddedAgainIsNotBoundToTheOldDevice() {
        TestPhone phone = server.add(TestPhone.sip("rg", 701));
        applied(agent.change());
        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertThat(registrationShown(phone.extension)).as("registered before the delete").isTrue();

        server.remove(phone.extension);
        applied(agent.change());
        assertThat(registrationShown(phone.extension)).as(() -> "registration left after the delete:\n"
                + registrationState(phone.extension)).isFalse();

        server.add(phone.secret("NewPwRg701x"));
        applied(agent.change());
        assertThat(registrationShown(phone.extension)).as(() -> "added again, bound to the previous device:\n"
                + registrationState(phone.extension)).isFalse();
        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertThat(registrationShown(phone.extension)).as("the new device registers").isTrue();
    }

    @Test
    @Order(11)
    void aPasswordChangeDropsTheOldRegistration() {
        TestPhone phone = server.add(TestPhone.sip("rg", 702));
        applied(agent.change());
        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertThat(registrationShown(phone.extension)).as("registered before the password change").isTrue();

        phone.secret("NewPwRg702x");
        applied(agent.change());

        assertThat(registrationShown(phone.extension)).as(() -> "registration left after the password change:\n"
                + registrationState(phone.extension)).isFalse();
        assertThat(registrations.sip(phone.extension, phone.secret).status()).isEqualTo(200);
        assertThat(registrationShown(phone.extension)).as("the device registers with the new password").isTrue();
    }

    @Test
    @Order(20)
    void aThousandPhoneServerIsAppliedAndEveryPhoneRegisters() {
        int missing = LARGE_SERVER - server.phones().size();
        IntStream.rangeClosed(1, missing).forEach(n -> server.add(TestPhone.sip("lg", 10000 + n)));

        applied(agent.change());

        assertThat(server.phones()).hasSize(LARGE_SERVER);
        assertThat(registrations.failures(server.phones())).isEmpty();
    }

    @Test
    @Order(21)
    void atAThousandPhonesAddPasswordChangeAndDeleteTakeEffect() {
        TestPhone added = server.add(TestPhone.sip("ad", 302));
        applied(agent.change());
        assertThat(registrations.sip(added.extension, added.secret).status()).isEqualTo(200);

        TestPhone changed = server.phone("lg10500");
        String old = changed.secret;
        changed.secret("NewPwLg10500x");
        applied(agent.change());
        assertThat(registrations.sip(changed.extension, changed.secret).status()).isEqualTo(200);
        assertRefused(registrations.sip(changed.extension, old));

        TestPhone gone = server.phone("lg10501");
        server.remove(gone.extension);
        deleted.add(gone);
        applied(agent.change());
        assertRefused(registrations.sip(gone.extension, gone.secret));
    }

    @Test
    @Order(22)
    void atAThousandPhonesAServerRefreshIsApplied() {
        ServerRefreshCompleted report = applied(agent.forcedRefresh());

        assertReloadedEveryModule(report);
        assertThat(registrations.sip("lg10002", server.phone("lg10002").secret).status()).isEqualTo(200);
    }

    @Test
    @Order(99)
    void auditEveryPhoneRegistersWithItsStoredSecretAndNoDeletedOneDoes() {
        assertThat(registrations.failures(server.phones())).as("phones that did not register").isEmpty();
        for (TestPhone phone : deleted) {
            assertThat(registrations.registers(phone, phone.secret)).as("deleted %s registers", phone.extension)
                    .isFalse();
        }
    }

    /**
     * Whether Asterisk shows a registration of a test phone's device (sipp on 127.0.0.1) for {@code extension},
     * where an operator would look. PJSIP: a contact {@code sip:<extension>@127.0.0.1:…} in {@code pjsip show
     * contacts} or {@code pjsip show aor <extension>}. chan_sip: an address in {@code sip show peer <extension>}
     * ({@code Addr->IP}, where a call goes) or an entry {@code SIP/Registry/<extension>} in astdb (what a reload
     * registers the peer to). Not chan_sip's {@code Reg. Contact}: it keeps the last contact after any expiry,
     * {@code sip unregister} included, and no call uses it once {@code Addr->IP} is {@code (null)}.
     */
    protected boolean registrationShown(String extension) {
        String state = registrationState(extension);
        return line() == AsteriskLine.PJSIP
                ? state.contains("sip:" + extension + "@127.0.0.1")
                : CHAN_SIP_REGISTERED.matcher(state).find();
    }

    /** The CLI lines {@link #registrationShown} reads. */
    protected String registrationState(String extension) {
        if (line() == AsteriskLine.PJSIP) {
            return asterisk.cli("pjsip show contacts") + asterisk.cli("pjsip show aor " + extension);
        }
        String peer = asterisk.cli("sip show peer " + extension).lines()
                .filter(entry -> entry.contains("Addr->IP") || entry.contains("Reg. Contact")
                        || entry.contains("not found"))
                .reduce("", (a, b) -> a + b + "\n");
        return peer + asterisk.cli("database show SIP/Registry").lines()
                .filter(entry -> entry.matches("/SIP/Registry/" + extension + "\\s*:.*"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** Asserts the run was APPLIED (with what went wrong and Asterisk's log in the message otherwise). */
    protected ServerRefreshCompleted applied(ServerRefreshCompleted report) {
        assertThat(report.outcome()).as(() -> describe(report)).isEqualTo(RefreshOutcome.APPLIED);
        return report;
    }

    /** server_refresh reloads the dialplan, the SIP stack, IAX2 and voicemail, and every reload answered well. */
    protected void assertReloadedEveryModule(ServerRefreshCompleted report) {
        assertThat(report.reloads()).allMatch(ServerRefreshCompleted.ReloadResult::ok);
        String sipModule = line() == AsteriskLine.PJSIP ? "res_pjsip" : "chan_sip";
        assertThat(report.reloads()).extracting(ServerRefreshCompleted.ReloadResult::command)
                .anyMatch(command -> command.contains("pbx_config"))
                .anyMatch(command -> command.contains(sipModule))
                .anyMatch(command -> command.contains("chan_iax2"))
                .anyMatch(command -> command.contains("app_voicemail"));
    }

    protected static void assertRefused(SipAnswer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(401, 403);
    }

    protected String describe(ServerRefreshCompleted report) {
        return "run " + report.outcome() + " at revision " + report.revision() + ", error: " + report.error()
                + ", excluded: " + report.excluded() + ", warnings: " + report.warnings()
                + "\nAsterisk's log:\n" + asterisk.logTail(30);
    }
}
