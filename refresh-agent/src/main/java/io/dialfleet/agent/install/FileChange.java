package io.dialfleet.agent.install;

import java.nio.file.Path;

/**
 * One rendered file compared with what is live.
 *
 * @param existed whether a live file was there before (a rollback deletes a file that did not exist)
 */
public record FileChange(String name, Path path, byte[] content, String sha256, boolean changed, boolean existed) {
}
