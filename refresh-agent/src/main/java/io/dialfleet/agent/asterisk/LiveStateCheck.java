package io.dialfleet.agent.asterisk;

/** Compares what Asterisk has loaded with what was rendered. */
public interface LiveStateCheck {

    Verification verify(ExpectedLiveState expected);
}
