package io.dialfleet.agent.asterisk;

import java.util.List;
import java.util.Map;

/**
 * One AMI block: its headers (keys compared case-insensitively) and, for a {@code Command} answer, the output lines
 * ({@code Output:} headers, or the raw text of the pre-14 format).
 */
record AmiMessage(Map<String, String> headers, List<String> output) {

    String header(String name) {
        return headers.get(name);
    }

    boolean isEvent() {
        return headers.containsKey("Event");
    }

    String response() {
        return headers.getOrDefault("Response", "");
    }

    String message() {
        return headers.getOrDefault("Message", "");
    }

    String outputText() {
        return String.join("\n", output);
    }
}
