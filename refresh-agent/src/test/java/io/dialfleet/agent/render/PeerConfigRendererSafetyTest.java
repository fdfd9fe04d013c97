package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.TestPhones.phone;
import static io.dialfleet.agent.render.TestPhones.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Server;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Injection attempts never reach a file (docs/spec/conf-generation.md, "Safety"): the phone carrying one is left out of every
 * file and reported as excluded — by extension and field, never by value — while the other phones are still
 * written, and every file still passes the validator.
 */
class PeerConfigRendererSafetyTest {

    /** Marks the injected text, so the test can prove it reached neither a file nor a warning. */
    private static final String MARK = "EVIL";

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfValidator validator = new ConfValidator();

    static Stream<Arguments> unsafeValues() {
        List<Arguments> cases = new ArrayList<>();
        String[] breakers = {"\r", "\n", ";", "\0", "\r\n"};
        for (String breaker : breakers) {
            String value = "x" + breaker + "[" + MARK + "]";
            cases.add(field("fullname", value, (p, v) -> p.fullname = v));
            cases.add(field("outbound_cid", value, (p, v) -> p.outboundCid = v));
            cases.add(field("conf_secret", value, (p, v) -> p.confSecret = v));
            cases.add(field("phone_context", value, (p, v) -> p.phoneContext = v));
            cases.add(field("email", value, (p, v) -> p.email = v));
            cases.add(field("pass", value, (p, v) -> p.pass = v));
            cases.add(field("voicemail_timezone", value, (p, v) -> p.voicemailTimezone = v));
            cases.add(field("voicemail_options", value, (p, v) -> p.voicemailOptions = v));
            cases.add(field("voicemail_id", value, (p, v) -> p.voicemailId = v));
            cases.add(field("dialplan_number", value, (p, v) -> p.dialplanNumber = v));
            cases.add(field("unavail_dialplan_fwd_exten", value, (p, v) -> p.unavailDialplanFwdExten = v));
            cases.add(field("unavail_dialplan_fwd_context", value, (p, v) -> {
                p.unavailDialplanFwdExten = "8300";
                p.unavailDialplanFwdContext = v;
            }));
        }
        // Characters that pass the line rule but would change the dialplan or a voicemail.conf line.
        cases.add(field("dialplan_number", "_X." + MARK, (p, v) -> p.dialplanNumber = v));
        cases.add(field("dialplan_number", "1,1,System(" + MARK + ")", (p, v) -> p.dialplanNumber = v));
        cases.add(field("unavail_dialplan_fwd_exten", "${SHELL(" + MARK + ")}",
                (p, v) -> p.unavailDialplanFwdExten = v));
        cases.add(field("unavail_dialplan_fwd_context", "ctx,1)" + MARK, (p, v) -> {
            p.unavailDialplanFwdExten = "8300";
            p.unavailDialplanFwdContext = v;
        }));
        cases.add(field("voicemail_id", "101@" + MARK, (p, v) -> p.voicemailId = v));
        cases.add(field("pass", "1234,x,y,|dialout=" + MARK, (p, v) -> p.pass = v));
        cases.add(field("email", "a@b.c|dialout=" + MARK, (p, v) -> p.email = v));
        cases.add(field("voicemail_timezone", "eastern|dialout=" + MARK, (p, v) -> p.voicemailTimezone = v));
        // conf_override: every line must be a plain entry.
        for (String override : new String[] {"type=friend\n[" + MARK + "]\nsecret=x", "type=friend\n#include /" + MARK,
                "type=friend\n#exec /bin/" + MARK, "type=friend\nsecret=a;" + MARK, "type=friend\nhost=dyn\0" + MARK,
                "type=friend\njust " + MARK + " text", "type=friend\n;-- " + MARK, "  [" + MARK + "]  \ntype=x"}) {
            cases.add(field("conf_override", override, (p, v) -> p.confOverride = v));
        }
        return cases.stream();
    }

    private static Arguments field(String field, String value, BiConsumer<TestPhones, String> set) {
        return Arguments.of(field, value, set);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("unsafeValues")
    void aPhoneWithAnUnsafeValueIsLeftOutOfEveryFile(String field, String value, BiConsumer<TestPhones, String> set) {
        TestPhones unsafe = phone(102);
        unsafe.voicemailInstructions = "N";
        set.accept(unsafe, value);
        List<Phone> phones = List.of(phone(101).build(), unsafe.build(), phone(103).build());

        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot(phones), stack);

            assertLeftOut(config, "cc102", field);
            assertThat(config.names().of(stack.peerFile())).containsExactly("cc101", "cc103");
            assertThat(config.names().dialplanExtensions()).containsExactly("101", "103");
            assertThat(config.names().voicemailBoxes()).containsExactly("101", "103");
            assertSafeFiles(config);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"type=friend\n[" + MARK + "]", "context=x ; " + MARK, "#include " + MARK,
            "host=dynamic\nnot an entry " + MARK, "setvar=A=\0" + MARK, "; " + MARK + " comment"})
    void aTemplateWithAnUnsafeLineLeavesOutEveryPhoneUsingIt(String templateText) {
        TestPhones user = phone(102);
        user.templateId = "TPL";
        TestPhones wizardUser = phone(150).protocol("PJSIP");
        wizardUser.templateId = "TPL";
        PeerConfigSnapshot snapshot = snapshot(List.of(phone(101).build(), user.build(), wizardUser.build()),
                List.of(new Template("TPL", templateText)));

        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot, stack);

            assertLeftOut(config, "cc102", "template_contents");
            assertLeftOut(config, "cc150", "template_contents");
            assertThat(config.names().of(stack.peerFile())).containsExactly("cc101");
            assertSafeFiles(config);
        }
    }

    @Test
    void carriageReturnsOfTemplatesAndOverridesAreRemovedNotWritten() {
        TestPhones templated = phone(102);
        templated.templateId = "TPL";
        templated.confOverride = "qualify=yes\r\ncall-limit=2\r\n";
        TestPhones overridden = phone(103);
        overridden.confOverride = "type=friend\r\nhost=dynamic\r\nsecret=S3\r\ncontext=x\r[" + MARK + "]\r\n";
        RenderedConfig config = renderer.render(snapshot(List.of(templated.build(), overridden.build()),
                List.of(new Template("TPL", "type=friend\r\nhost=dynamic\r\n"))), SipStack.CHAN_SIP);

        // A lone CR is no line break for Asterisk either: "[EVIL]" stays inside a value, never a section.
        assertThat(config.warnings()).isEmpty();
        assertThat(config.excluded()).isEmpty();
        assertThat(config.file(ConfFile.SIP).text()).doesNotContain("\r")
                .contains("type=friend\nhost=dynamic\nqualify=yes\ncall-limit=2\n")
                .contains("[cc103]\ntype=friend\nhost=dynamic\nsecret=S3\ncontext=x[" + MARK + "]\n");
        for (ConfFile file : ConfFile.values()) {
            assertThat(validator.validate(config.file(file).content())).isEmpty();
        }
    }

    @ParameterizedTest(name = "extension {0}")
    @ValueSource(strings = {"a b", "x]", "[x", "ext;", "ü101", "cc\n101", "cc\r101", "cc\u0000101", "", "cc.101",
            "cc/101", "cc=101", "汉字", "cc101 "})
    void anOddExtensionLeavesThePhoneOutWithoutQuotingItInTheReason(String extension) {
        TestPhones odd = phone(extension, 102);
        List<Phone> phones = List.of(phone(101).build(), odd.build(), phone(103).build());

        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot(phones), stack);

            assertThat(config.warnings()).isEmpty();
            assertThat(config.excluded()).containsExactly(new ExcludedPhone(extension, "SIP",
                    "extension is not 1 to 255 characters of A-Z a-z 0-9 _ -"));
            assertThat(config.names().of(stack.peerFile())).containsExactly("cc101", "cc103");
            assertThat(config.names().dialplanExtensions()).containsExactly("101", "103");
            assertSafeFiles(config);
        }
    }

    @Test
    void aNullExtensionOrProtocolIsLeftOutToo() {
        TestPhones noExtension = phone(null, 102);
        TestPhones noProtocol = phone(104).protocol(null);
        RenderedConfig config = renderer.render(
                snapshot(List.of(phone(101).build(), noExtension.build(), noProtocol.build())), SipStack.CHAN_SIP);

        assertThat(config.names().sipPeers()).containsExactly("cc101");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.excluded()).containsExactly(
                new ExcludedPhone("", "SIP", "extension is not 1 to 255 characters of A-Z a-z 0-9 _ -"),
                new ExcludedPhone("cc104", "", "protocol is not SIP, IAX2 or PJSIP"));
    }

    @Test
    void aPjsipTemplateMayHoldOnlyWizardLines() {
        TestPhones phone = phone(101);
        phone.templateId = "TPL";
        PeerConfigSnapshot snapshot = snapshot(List.of(phone.build()),
                List.of(new Template("TPL", "endpoint/allow=opus\ntype=friend\nhost=dynamic\ncontext=default\n")));

        RenderedConfig onPjsip = renderer.render(snapshot, SipStack.PJSIP);
        assertThat(onPjsip.names().pjsipEndpoints()).isEmpty();
        assertThat(reasons(onPjsip)).containsExactly(
                "cc101: template_contents of its template has lines other than endpoint/... and aor/...");

        RenderedConfig onChanSip = renderer.render(snapshot, SipStack.CHAN_SIP);
        assertThat(onChanSip.names().sipPeers()).containsExactly("cc101");
    }

    @Test
    void onlyTheValuesWrittenAreChecked() {
        TestPhones overridden = phone(102);
        overridden.confOverride = "type=friend\nhost=dynamic\nsecret=fromOverride";
        overridden.confSecret = "not;written";
        overridden.fullname = "not\nwritten";
        TestPhones withoutMailbox = phone(103);
        withoutMailbox.voicemailId = "";
        withoutMailbox.email = "not|written";
        RenderedConfig config = renderer.render(snapshot(List.of(overridden.build(), withoutMailbox.build())),
                SipStack.CHAN_SIP);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.excluded()).isEmpty();
        assertThat(config.names().sipPeers()).containsExactly("cc102", "cc103");
        assertSafeFiles(config);
    }

    @Test
    void aLineOverTheLimitLeavesThePhoneOut() {
        TestPhones longName = phone(102);
        longName.fullname = "n".repeat(ConfValidator.MAX_LINE_BYTES);
        TestPhones longOverride = phone(103);
        longOverride.confOverride = "type=friend\nsetvar=X=" + "v".repeat(ConfValidator.MAX_LINE_BYTES);
        TestPhones longUnicodeOptions = phone(104);
        longUnicodeOptions.voicemailOptions = "é".repeat(ConfValidator.MAX_LINE_BYTES / 2);
        RenderedConfig config = renderer.render(snapshot(List.of(phone(101).build(), longName.build(),
                longOverride.build(), longUnicodeOptions.build())), SipStack.PJSIP);

        assertThat(config.names().pjsipEndpoints()).containsExactly("cc101");
        assertThat(reasons(config)).containsExactly(
                "cc102: fullname/outbound_cid makes a line longer than 4096 bytes",
                "cc103: conf_override has a line longer than 4096 bytes",
                "cc104: the mailbox line makes a line longer than 4096 bytes");
        assertSafeFiles(config);
    }

    @Test
    void namesAndNumbersAreCappedAt255Characters() {
        TestPhones longest = phone("c".repeat(79), 102);
        TestPhones cut = phone("e".repeat(80), 106);
        TestPhones tooLong = phone("d".repeat(256), 103);
        TestPhones longNumber = phone(104);
        longNumber.dialplanNumber = "1".repeat(256);
        TestPhones longContext = phone(105);
        longContext.unavailDialplanFwdExten = "8300";
        longContext.unavailDialplanFwdContext = "x".repeat(256);
        RenderedConfig config = renderer.render(snapshot(List.of(phone(101).build(), longest.build(), tooLong.build(),
                longNumber.build(), longContext.build(), cut.build())), SipStack.PJSIP);

        assertThat(config.names().pjsipEndpoints()).containsExactly("cc101", "c".repeat(79));
        assertThat(reasons(config)).containsExactly(
                "cc104: dialplan_number is not 1 to 255 characters of A-Z a-z 0-9 * # +",
                "cc105: unavail_dialplan_fwd_context is not 1 to 255 characters of A-Z a-z 0-9 _ -",
                "d".repeat(256) + ": extension is not 1 to 255 characters of A-Z a-z 0-9 _ -",
                "e".repeat(80) + ": extension is longer than 79 characters (Asterisk cuts section names at 79)");
        assertSafeFiles(config);
    }

    @Test
    void sectionNamesDifferingOnlyInCaseKeepTheFirst() {
        TestPhones upper = phone("CC101", 201);
        RenderedConfig config = renderer.render(snapshot(List.of(phone(101).build(), upper.build())),
                SipStack.CHAN_SIP);

        assertThat(config.names().sipPeers()).containsExactly("CC101");
        assertThat(config.names().dialplanExtensions()).containsExactly("201");
        assertThat(reasons(config)).containsExactly(
                "cc101: dialfleet-sip.conf already has a section of that name (compared ignoring case)");
    }

    @Test
    void anUnsafeServerIdIsNotWrittenIntoTheHeaders() {
        PeerConfigSnapshot snapshot = new PeerConfigSnapshot(1, 1,
                new Server("vici1\n[" + MARK + "]", "10.10.10.15", "18.21.0", "x", "Y"), "", List.of(),
                List.of(phone(101).build()));
        RenderedConfig config = renderer.render(snapshot, SipStack.CHAN_SIP);

        assertThat(config.file(ConfFile.SIP).text()).startsWith(
                "; Generated by dialfleet for server ? (10.10.10.15). Do not edit: dialfleet overwrites this file.\n");
        assertThat(config.warnings()).containsExactly(
                "server_id has a line break, NUL or over 255 characters; the file headers show '?' instead");
        assertSafeFiles(config);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIP", "IAX2", "PJSIP"})
    void anEmptySecretLeavesThePhoneOutUnlikeVicidial(String protocol) {
        TestPhones blank = phone(102).protocol(protocol);
        blank.confSecret = "";

        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot(List.of(phone(101).build(), blank.build())), stack);

            assertThat(config.excluded()).singleElement().satisfies(phone -> {
                assertThat(phone.extension()).isEqualTo("cc102");
                assertThat(phone.reason()).contains("is empty");
            });
            for (ConfFile file : ConfFile.values()) {
                assertThat(config.file(file).text()).doesNotContain("cc102");
            }
        }
    }

    @Test
    void nothingPrintsFileContent() {
        TestPhones phone = phone(101);
        phone.confSecret = "TopSecret" + MARK;
        RenderedConfig config = renderer.render(snapshot(List.of(phone.build())), SipStack.PJSIP);

        assertThat(config.file(ConfFile.PJSIP).text()).contains("TopSecret" + MARK);
        assertThat(config.toString()).doesNotContain(MARK).contains("RenderedFile[PJSIP, ");
    }

    /** Each exclusion as {@code extension: reason}. */
    static List<String> reasons(RenderedConfig config) {
        return config.excluded().stream().map(phone -> phone.extension() + ": " + phone.reason()).toList();
    }

    private static void assertLeftOut(RenderedConfig config, String extension, String field) {
        assertThat(config.excluded()).anySatisfy(phone -> {
            assertThat(phone.extension()).isEqualTo(extension);
            assertThat(phone.reason()).contains(field);
        });
        assertThat(config.excluded()).allSatisfy(phone -> assertThat(phone.reason()).doesNotContain(MARK));
        assertThat(config.warnings()).allSatisfy(warning -> assertThat(warning).doesNotContain(MARK));
        for (ConfFile file : ConfFile.values()) {
            assertThat(config.names().of(file)).doesNotContain(extension);
            assertThat(config.file(file).text()).doesNotContain(extension);
        }
    }

    private void assertSafeFiles(RenderedConfig config) {
        for (ConfFile file : ConfFile.values()) {
            String text = config.file(file).text();
            assertThat(validator.validate(config.file(file).content())).as(file.defaultName()).isEmpty();
            assertThat(text).as(file.defaultName()).doesNotContain("\r", "\0", "[" + MARK, "dialout", "SHELL");
        }
    }
}
