package io.dialfleet.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:0db8:0000:0001:0000:0000:0000:0001, 2001:db8:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0:0:0:0:0:0:1%eth0, fe80::1",
            "0:0:0:0:0:ffff:c000:280, 192.0.2.128",
            "0:0:0:0:0:0:0:0, ::"})
    void spelledAsPhpSpellsRemoteAddr(String vertx, String php) {
        assertThat(ClientAddress.of(vertx)).isEqualTo(php);
    }
}
