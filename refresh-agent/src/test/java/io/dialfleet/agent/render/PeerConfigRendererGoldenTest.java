package io.dialfleet.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.PeerConfigSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-for-byte comparison with the golden files, one case per feature of docs/spec/conf-generation.md. The expected files were
 * written from the spec by hand. {@code -Drender.golden.update=true} rewrites them from the renderer's output instead
 * of comparing — a developer aid after a deliberate change; review the diff before committing it.
 */
class PeerConfigRendererGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("render.golden.update");

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private final ConfValidator validator = new ConfValidator();

    static List<String> cases() {
        return GoldenCases.names();
    }

    @Test
    void everyFeatureHasItsCase() {
        assertThat(cases()).contains("chan-sip-plain", "iax2-qualify", "pjsip-wizard", "pjsip-phone-on-chan-sip-server",
                "webphone-webrtc", "template-chan-sip-iax", "template-pjsip", "template-codecs-with-template",
                "conf-override", "codec-order", "codecs-default-fallback", "codecs-no-match",
                "callerid-mailbox-omissions", "dialplan-failover", "dialplan-duplicate", "voicemail",
                "zap-external-skipped", "empty-server", "unsafe-phones-left-out");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheGoldenFiles(String name) throws IOException {
        PeerConfigSnapshot snapshot = GoldenCases.snapshot(name);
        RenderedConfig config = renderer.render(snapshot,
                SipStackSetting.AUTO.resolve(snapshot.server().asteriskVersion()));

        if (UPDATE) {
            Path dir = GoldenCases.sourceRoot().resolve(name);
            for (ConfFile file : ConfFile.values()) {
                Files.write(dir.resolve(file.defaultName()), config.file(file).content());
            }
            Files.writeString(dir.resolve(GoldenCases.RESULT), GoldenCases.describe(config));
            return;
        }
        Path dir = GoldenCases.root().resolve(name);
        for (ConfFile file : ConfFile.values()) {
            byte[] expected = Files.readAllBytes(dir.resolve(file.defaultName()));
            assertThat(config.file(file).text()).as(name + "/" + file.defaultName())
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(config.file(file).contentEquals(expected)).as(name + "/" + file.defaultName() + " bytes")
                    .isTrue();
        }
        assertThat(GoldenCases.describe(config)).as(name + "/" + GoldenCases.RESULT)
                .isEqualTo(Files.readString(dir.resolve(GoldenCases.RESULT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRenderedFilePassesTheValidatorOnBothStacks(String name) {
        PeerConfigSnapshot snapshot = GoldenCases.snapshot(name);
        for (SipStack stack : SipStack.values()) {
            RenderedConfig config = renderer.render(snapshot, stack);
            for (ConfFile file : ConfFile.values()) {
                assertThat(validator.validate(config.file(file).content()))
                        .as(name + " on " + stack + ": " + file.defaultName()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsAndNamesDescribeTheFiles(String name) {
        RenderedConfig config = renderer.render(GoldenCases.snapshot(name), SipStack.CHAN_SIP);

        assertThat(config.peers().sip()).isEqualTo(config.names().sipPeers().size())
                .isEqualTo(sectionCount(config.file(ConfFile.SIP).text()));
        assertThat(config.peers().pjsip()).isEqualTo(config.names().pjsipEndpoints().size())
                .isEqualTo(sectionCount(config.file(ConfFile.PJSIP).text()));
        assertThat(config.peers().iax2()).isEqualTo(config.names().iax2Peers().size())
                .isEqualTo(sectionCount(config.file(ConfFile.IAX).text()));
        assertThat(config.file(ConfFile.EXTENSIONS).text().lines().filter(l -> l.startsWith("exten => ")).count())
                .isEqualTo(3L * config.names().dialplanExtensions().size());
        assertThat(config.file(ConfFile.VOICEMAIL).text().lines().filter(l -> l.contains(" => ")).count())
                .isEqualTo(config.names().voicemailBoxes().size());
    }

    private static long sectionCount(String text) {
        return text.lines().filter(line -> line.startsWith("[")).count();
    }
}
