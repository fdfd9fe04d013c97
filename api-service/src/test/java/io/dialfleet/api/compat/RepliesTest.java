package io.dialfleet.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reply-line grammar (docs/spec/non-agent-api.md §2.4, §2.5, §4.1, §4.5, §4.7, D1, D2). */
class RepliesTest {

    @Test
    void functionLines() {
        assertThat(Replies.error("add_phone SERVER DOES NOT EXIST", "6666", "10.10.10.99").body())
                .isEqualTo("ERROR: add_phone SERVER DOES NOT EXIST: |6666|10.10.10.99\n");
        assertThat(Replies.success("update_phone PHONE HAS BEEN UPDATED", "6666", "8001|10.10.10.15|").body())
                .isEqualTo("SUCCESS: update_phone PHONE HAS BEEN UPDATED - 6666|8001|10.10.10.15|\n");
        assertThat(Replies.notice("update_phone_alias NO UPDATES DEFINED", "6666", "").body())
                .isEqualTo("NOTICE: update_phone_alias NO UPDATES DEFINED: |6666|\n");
    }

    @Test
    void loginLinesNeverCarryThePassword() {
        assertThat(Replies.loginIncorrect("6666").body()).isEqualTo("ERROR: Login incorrect, please try again: |6666||BAD|\n");
        assertThat(Replies.loginIncorrect("6666").log()).isNull();
        assertThat(Replies.ipNotAllowed("127.0.0.1").body()).isEqualTo("ERROR: Your IP Address is not allowed: 127.0.0.1: ||IPBLOCK|\n");
    }

    @Test
    void specialShapes() {
        assertThat(Replies.invalidSource("").body()).isEqualTo("ERROR: Invalid Source - \nERROR: Invalid Source: ||\n");
        assertThat(Replies.noFunctionSpecified(true, 0).body())
                .isEqualTo("ERROR: NO FUNCTION SPECIFIED\n\n<!-- script runtime: 0 seconds -->\n</body>\n</html>\n");
        Reply coffee = Replies.coffee("brew_coffee");
        assertThat(coffee.status()).isEqualTo(418);
        assertThat(coffee.body()).isEqualTo("Coffee: brew_coffee|Error 418 I'm a teapot");
        Reply unavailable = Replies.databaseUnavailable("add_phone", "6666");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("ERROR: add_phone DATABASE IS UNAVAILABLE, TRY AGAIN LATER: |6666|\n");
        assertThat(unavailable.log()).isNull();
    }
}
