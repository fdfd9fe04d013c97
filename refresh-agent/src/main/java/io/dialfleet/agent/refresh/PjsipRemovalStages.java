package io.dialfleet.agent.refresh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits the removal of many PJSIP wizard sections over several reloads. Removing sections costs res_pjsip's wizard
 * the square of their number in one reload — at 5,000 phones, 500 removed took about 3 s, 2,000 up to 386 s, with
 * REGISTER of the other phones unanswered meanwhile (docs/spec/asterisk-behaviour.md, docs/benchmarks.md) — so the agent
 * first installs files that are the installed file without the next batch of removed sections, one reload each; the
 * rendered file, installed last, removes the rest and applies every other change.
 */
final class PjsipRemovalStages {

    private PjsipRemovalStages() {
    }

    /** One section of the installed file: its name and its text, from its header to the next section's. */
    private record Block(String name, String text) {
    }

    /**
     * The intermediate files to install and reload, in order, before the rendered one: each is the installed file
     * without the first {@code k × perReload} of the sections the rendered file no longer has. Empty when no more
     * than {@code perReload} sections go away, or when {@code perReload} is 0 (staging off).
     *
     * @param installed the file as Asterisk last loaded it
     * @param rendered  the section names of the new file
     */
    static List<byte[]> intermediates(String installed, List<String> rendered, int perReload) {
        if (perReload <= 0) {
            return List.of();
        }
        StringBuilder header = new StringBuilder();
        List<Block> blocks = blocks(installed, header);
        Set<String> kept = new HashSet<>(rendered);
        List<String> removed = blocks.stream().map(Block::name).filter(name -> !kept.contains(name)).toList();
        List<byte[]> stages = new ArrayList<>();
        for (int gone = perReload; gone < removed.size(); gone += perReload) {
            Set<String> removedSoFar = new HashSet<>(removed.subList(0, gone));
            StringBuilder stage = new StringBuilder(header);
            blocks.stream().filter(block -> !removedSoFar.contains(block.name())).forEach(block -> stage.append(block.text()));
            stages.add(stage.toString().getBytes(StandardCharsets.UTF_8));
        }
        return stages;
    }

    private static List<Block> blocks(String text, StringBuilder header) {
        List<Block> blocks = new ArrayList<>();
        String name = null;
        StringBuilder current = header;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end);
            if (line.startsWith("[")) {
                if (name != null) {
                    blocks.add(new Block(name, current.toString()));
                }
                int close = line.indexOf(']');
                name = close > 1 ? line.substring(1, close) : line.strip();
                current = new StringBuilder();
            }
            current.append(line);
            start = end;
        }
        if (name != null) {
            blocks.add(new Block(name, current.toString()));
        }
        return blocks;
    }
}
