package io.dialfleet.agent.config;

/** How the agent makes Asterisk load what it wrote ({@code dialfleet.agent.reload.mode}). */
public enum ReloadMode {
    /** Over the Asterisk Manager Interface ({@code dialfleet.agent.reload.ami.*}). */
    AMI,
    /** With {@code asterisk -rx} ({@code dialfleet.agent.reload.asterisk-binary}). */
    CLI,
    /** Write the files only: no reload, no verification. */
    NONE
}
