package io.dialfleet.agent.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AmiMessageReaderTests {

    @Test
    void outputHeadersKeepTheLinesOwnIndentation() throws IOException {
        AmiMessage message = read("Response: Success\r\nActionID: 1\r\nMessage: Command output follows\r\n"
                + "Output: \r\nOutput:  Endpoint:  cc101/3125550101   Unavailable   0 of inf\r\nOutput: Objects found: 1\r\n\r\n");

        assertThat(message.response()).isEqualTo("Success");
        assertThat(message.output()).containsExactly("", " Endpoint:  cc101/3125550101   Unavailable   0 of inf",
                "Objects found: 1");
    }

    @Test
    void theLegacyFormatKeepsRawLinesThatLookLikeHeadersOrAreEmpty() throws IOException {
        AmiMessage message = read("Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n"
                + "\n Endpoint:  cc101/3125550101\n\nObjects found: 1\n--END COMMAND--\r\n\r\n");

        assertThat(message.header("ActionID")).isEqualTo("7");
        assertThat(message.output()).containsExactly("", " Endpoint:  cc101/3125550101", "", "Objects found: 1");
    }

    @Test
    void theLegacyMarkerMayEndTheLastLine() throws IOException {
        AmiMessage message = read("Response: Follows\r\nPrivilege: Command\r\n"
                + "Module 'chan_iax2.so' reloaded successfully.--END COMMAND--\r\n\r\nResponse: Success\r\n\r\n");

        assertThat(message.outputText()).isEqualTo("Module 'chan_iax2.so' reloaded successfully.");
    }

    @Test
    void aClosedConnectionIsAnEof() {
        assertThatThrownBy(() -> read("Response: Success\r\nMessage: Comm")).isInstanceOf(EOFException.class);
    }

    private static AmiMessage read(String wire) throws IOException {
        return new AmiMessageReader(new BufferedReader(new StringReader(wire))).read();
    }
}
