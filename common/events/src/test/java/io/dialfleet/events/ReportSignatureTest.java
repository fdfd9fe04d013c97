package io.dialfleet.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportSignatureTest {

    private static final AgentCredential CREDENTIAL =
            AgentCredential.parse("ak_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").orElseThrow();
    private static final byte[] VALUE = "{\"serverIp\":\"10.10.10.15\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureOfARecordVerifiesWithTheSameSecret() {
        String signature = ReportSignature.sign(CREDENTIAL, "10.10.10.15", VALUE);

        assertThat(ReportSignature.verify(CREDENTIAL.secret(), CREDENTIAL.keyId(), "10.10.10.15", VALUE, signature))
                .isTrue();
    }

    @Test
    void anyChangeToTheKeyIdServerValueOrSecretBreaksIt() {
        String signature = ReportSignature.sign(CREDENTIAL, "10.10.10.15", VALUE);
        byte[] changed = "{\"serverIp\":\"10.10.10.16\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ReportSignature.verify(CREDENTIAL.secret(), "ak_0123456789abcdee", "10.10.10.15", VALUE, signature))
                .isFalse();
        assertThat(ReportSignature.verify(CREDENTIAL.secret(), CREDENTIAL.keyId(), "10.10.10.16", VALUE, signature))
                .isFalse();
        assertThat(ReportSignature.verify(CREDENTIAL.secret(), CREDENTIAL.keyId(), "10.10.10.15", changed, signature))
                .isFalse();
        assertThat(ReportSignature.verify("B" + CREDENTIAL.secret().substring(1), CREDENTIAL.keyId(), "10.10.10.15",
                VALUE, signature)).isFalse();
        assertThat(ReportSignature.verify(CREDENTIAL.secret(), CREDENTIAL.keyId(), "10.10.10.15", VALUE, "%%"))
                .isFalse();
        assertThat(ReportSignature.verify(CREDENTIAL.secret(), CREDENTIAL.keyId(), "10.10.10.15", VALUE, null))
                .isFalse();
    }

    @Test
    void onlyTheIssuedShapeParsesAndTheTextNeverShowsTheSecret() {
        assertThat(AgentCredential.parse(CREDENTIAL.token())).contains(CREDENTIAL);
        assertThat(AgentCredential.parse("a-shared-dev-token")).isEmpty();
        assertThat(AgentCredential.parse("ak_0123456789abcdef.short")).isEmpty();
        assertThat(AgentCredential.parse(null)).isEmpty();
        assertThat(CREDENTIAL.toString()).doesNotContain(CREDENTIAL.secret());
    }
}
