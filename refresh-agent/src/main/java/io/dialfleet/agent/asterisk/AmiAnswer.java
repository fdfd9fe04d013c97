package io.dialfleet.agent.asterisk;

import java.util.List;

/**
 * What Asterisk answered to an {@link AmiAction}: the response's {@code Response} and {@code Message}, its own
 * headers (for actions that answer in one block, such as {@code SIPshowpeer}) and, for list actions, the events up
 * to the one marked {@code EventList: Complete} (that one excluded).
 */
record AmiAnswer(AmiMessage response, List<AmiMessage> events) {

    AmiAnswer {
        events = List.copyOf(events);
    }

    boolean success() {
        return "Success".equalsIgnoreCase(response.response());
    }

    String message() {
        return response.message();
    }
}
