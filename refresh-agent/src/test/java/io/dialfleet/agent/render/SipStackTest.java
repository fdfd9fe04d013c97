package io.dialfleet.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipStackTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "1.4.21.2       | CHAN_SIP",
            "1.8.32.3       | CHAN_SIP",
            "13.29.2        | CHAN_SIP",
            "18.21.0        | CHAN_SIP",
            "20.9.3         | CHAN_SIP",
            "21.1.0         | PJSIP",
            "21             | PJSIP",
            "22             | PJSIP",
            "23.0.0-rc1     | PJSIP",
            "' 22.5.2 '     | PJSIP",
            "certified/18.9-cert13 | CHAN_SIP",
            "certified/21.7-cert1  | PJSIP",
            "Asterisk 22.1.0       | PJSIP",
            "v21.4.1        | PJSIP",
            "''             | CHAN_SIP",
            "NULL           | CHAN_SIP",
            "GIT-master-a1b2c3     | CHAN_SIP",
            "unknown        | CHAN_SIP",
            "123456.1       | CHAN_SIP"})
    void chanSipBelow21PjsipFrom21UnknownIsChanSip(String version, SipStack expected) {
        assertThat(SipStack.forAsteriskVersion(version)).isEqualTo(expected);
        assertThat(SipStackSetting.AUTO.resolve(version)).isEqualTo(expected);
    }

    @Test
    void theSettingOverridesTheVersion() {
        assertThat(SipStackSetting.CHAN_SIP.resolve("22")).isEqualTo(SipStack.CHAN_SIP);
        assertThat(SipStackSetting.PJSIP.resolve("1.4.21.2")).isEqualTo(SipStack.PJSIP);
        assertThat(SipStackSetting.PJSIP.resolve("GIT-master-a1b2c3")).isEqualTo(SipStack.PJSIP);
    }

    @Test
    void eachStackNamesItsFileAndDialTechnology() {
        assertThat(SipStack.CHAN_SIP.peerFile()).isEqualTo(ConfFile.SIP);
        assertThat(SipStack.CHAN_SIP.dialTechnology()).isEqualTo("SIP");
        assertThat(SipStack.PJSIP.peerFile()).isEqualTo(ConfFile.PJSIP);
        assertThat(SipStack.PJSIP.dialTechnology()).isEqualTo("PJSIP");
    }
}
