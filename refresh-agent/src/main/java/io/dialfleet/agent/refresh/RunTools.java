package io.dialfleet.agent.refresh;

import io.dialfleet.agent.install.ConfInstaller;
import java.util.Optional;

/**
 * What the steps of a run work with.
 *
 * @param asterisk absent in reload mode none: files are installed, nothing is reloaded or checked
 * @param memory   what carries over from one run to the next
 * @param phases   where each phase is timed
 */
record RunTools(ConfInstaller installer, Optional<Asterisk> asterisk, ManagedFiles files, RunMemory memory,
        PhaseClock phases) {
}
