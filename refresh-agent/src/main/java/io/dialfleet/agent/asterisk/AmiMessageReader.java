package io.dialfleet.agent.asterisk;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads AMI blocks: {@code Key: value} lines ended by an empty line. A {@code Command} answer comes in one of two
 * shapes:
 * <ul>
 * <li>Asterisk 14 and later: {@code Response: Success|Error}, {@code Message: Command output follows}, one
 * {@code Output: <line>} per line of CLI output, then the empty line (docs/spec/asterisk-behaviour.md,
 * "Show-command output");</li>
 * <li>before 14: {@code Response: Follows}, {@code Privilege: Command}, {@code ActionID: …}, then the CLI output as
 * raw text — whose lines may look like headers ({@code Objects found: 2}) or be empty — up to
 * {@code --END COMMAND--}.</li>
 * </ul>
 */
final class AmiMessageReader {

    private static final String END_COMMAND = "--END COMMAND--";

    private final BufferedReader in;

    AmiMessageReader(BufferedReader in) {
        this.in = in;
    }

    /** One line, e.g. the banner {@code Asterisk Call Manager/13.0.0}; EOF when the server closed the connection. */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new EOFException("connection closed by Asterisk");
        }
        return line;
    }

    AmiMessage read() throws IOException {
        String line = readLine();
        while (line.isEmpty()) {
            line = readLine();
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> output = new ArrayList<>();
        while (true) {
            // Raw output may begin with an empty line (pjsip show endpoints does), so test for it first.
            if ("Follows".equalsIgnoreCase(headers.get("Response")) && !isLegacyHeader(line)) {
                readLegacyOutput(line, output);
                break;
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).trim();
                String value = withoutOneLeadingSpace(line.substring(colon + 1));
                if (key.equalsIgnoreCase("Output")) {
                    output.add(value);
                } else {
                    headers.putIfAbsent(key, value);
                }
            }
            line = readLine();
        }
        return new AmiMessage(headers, List.copyOf(output));
    }

    /** Raw output up to {@code --END COMMAND--} (which ends the last line when the output had no final newline). */
    private void readLegacyOutput(String first, List<String> output) throws IOException {
        String line = first;
        while (!line.endsWith(END_COMMAND)) {
            output.add(line);
            line = readLine();
        }
        String beforeMarker = line.substring(0, line.length() - END_COMMAND.length());
        if (!beforeMarker.isEmpty()) {
            output.add(beforeMarker);
        }
        String rest = readLine();
        while (!rest.isEmpty()) { // only the block's empty line is expected after the marker
            rest = readLine();
        }
    }

    private static boolean isLegacyHeader(String line) {
        return startsWithIgnoreCase(line, "Privilege:")
                || startsWithIgnoreCase(line, "ActionID:")
                || startsWithIgnoreCase(line, "Message:");
    }

    private static boolean startsWithIgnoreCase(String line, String prefix) {
        return line.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Keeps the output's indentation: {@code "Output:  Endpoint:  cc101"} is the line {@code " Endpoint:  cc101"}. */
    private static String withoutOneLeadingSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
