package io.dialfleet.agent.asterisk;

import java.util.List;
import java.util.Objects;

/**
 * What a CLI command printed, as {@code asterisk -rx} shows it (over AMI: the {@code Output:} lines joined with
 * {@code \n}). This is only text: Asterisk's exit status and AMI's {@code Response: Success} say nothing about the
 * result (docs/spec/asterisk-behaviour.md, "Other AMI facts").
 */
public record CommandOutput(String text) {

    public CommandOutput {
        Objects.requireNonNull(text, "text");
    }

    /** The output's lines, without line ends. */
    public List<String> lines() {
        return text.lines().toList();
    }

    /** True when Asterisk printed nothing but white space. */
    public boolean isBlank() {
        return text.isBlank();
    }
}
