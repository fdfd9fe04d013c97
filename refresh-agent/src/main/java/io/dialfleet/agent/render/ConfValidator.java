package io.dialfleet.agent.render;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The last check before a file is installed (docs/spec/conf-generation.md, "Safety": validate before installing). A broken
 * line in an {@code #include}d file makes Asterisk drop every section after it while still answering "reloaded
 * successfully" (docs/spec/asterisk-behaviour.md, "A broken file"), so every line must be one Asterisk reads as intended:
 * <ul>
 * <li>blank (spaces and tabs only);</li>
 * <li>a {@code ;} comment, but not {@code ;--}, which opens a block comment;</li>
 * <li>a section header {@code [name]} at the start of the line, name of {@code A-Z a-z 0-9 _ -}, nothing after
 * the closing {@code ]};</li>
 * <li>{@code key=value} or {@code key => value}, the key of {@code A-Z a-z 0-9 _ - . /}, with no {@code ;} after
 * it.</li>
 * </ul>
 * Also refused: NUL, CR, directive lines ({@code #include}, {@code #exec}), lines longer than
 * {@value ConfSyntax#MAX_LINE_BYTES} bytes, bytes that are not UTF-8, and a last line without its LF. Problems name
 * the line number and the reason, never the line's content.
 */
public final class ConfValidator {

    /** Longest accepted line in bytes, without its LF. */
    public static final int MAX_LINE_BYTES = ConfSyntax.MAX_LINE_BYTES;

    public List<ConfProblem> validate(String content) {
        return validate(content.getBytes(StandardCharsets.UTF_8));
    }

    public List<ConfProblem> validate(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return validateLineByLine(decoder, content);
        }
        // LF is one byte in UTF-8 and never part of another character: lines are the same in bytes and in chars.
        List<ConfProblem> problems = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            lineNumber++;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
                problems.add(new ConfProblem(lineNumber, "last line has no LF"));
            }
            String problem = (end - start) * 3 > MAX_LINE_BYTES
                    && ConfSyntax.utf8Length(text, start, end) > MAX_LINE_BYTES ? tooLong()
                    : ConfSyntax.lineProblem(text, start, end);
            if (problem != null) {
                problems.add(new ConfProblem(lineNumber, problem));
            }
            start = end + 1;
        }
        return List.copyOf(problems);
    }

    /** The slow path for content that is not UTF-8 throughout: finds which lines are not. */
    private static List<ConfProblem> validateLineByLine(CharsetDecoder decoder, byte[] content) {
        List<ConfProblem> problems = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            lineNumber++;
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            if (end == content.length) {
                problems.add(new ConfProblem(lineNumber, "last line has no LF"));
            }
            String problem = lineProblem(decoder, content, start, end);
            if (problem != null) {
                problems.add(new ConfProblem(lineNumber, problem));
            }
            start = end + 1;
        }
        return List.copyOf(problems);
    }

    private static String lineProblem(CharsetDecoder decoder, byte[] content, int start, int end) {
        if (end - start > MAX_LINE_BYTES) {
            return tooLong();
        }
        CharBuffer line;
        try {
            line = decoder.reset().decode(ByteBuffer.wrap(content, start, end - start));
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        return ConfSyntax.lineProblem(line);
    }

    private static String tooLong() {
        return "line longer than " + MAX_LINE_BYTES + " bytes";
    }
}
