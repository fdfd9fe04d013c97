package io.dialfleet.agent.refresh;

import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStack;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a failed run puts back: every file as it was before the run touched it.
 *
 * @param before     the live content of each file by name before the run; a file that did not exist is absent
 * @param empty      each file's empty content by name, put back where there was no file ({@link Rollback})
 * @param touched    the files the run has installed, or is about to install, so far; filled in as it goes
 * @param unverified the files an earlier run left installed but unchecked
 */
record RollbackPoint(Map<String, byte[]> before, Map<String, byte[]> empty, Set<ConfFile> touched,
        Set<ConfFile> unverified, SipStack stack) {

    RollbackPoint(Map<String, byte[]> before, Map<String, byte[]> empty, Set<ConfFile> unverified, SipStack stack) {
        this(before, empty, EnumSet.noneOf(ConfFile.class), unverified, stack);
    }
}
