package io.dialfleet.agent.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what Asterisk actually loaded against what was rendered, because a reload answers "success" even when a
 * broken {@code #include}d file made it drop every section after the error (asterisk-behaviour.md, "A broken file").
 *
 * <p>Rules: every rendered name must be live; the dialplan context is entirely dialfleet's, so it must hold exactly
 * the rendered extensions; peers, endpoints and mailboxes may include the operator's own, but names removed since
 * the previous apply must be gone.
 */
public final class LiveStateVerifier {

    private static final int LISTED_NAMES = 20;

    private final CommandRunner runner;
    private final String dialplanContext;

    public LiveStateVerifier(CommandRunner runner) {
        this(runner, AsteriskCommand.DialplanShow.DIALFLEET_PHONES);
    }

    public LiveStateVerifier(CommandRunner runner, String dialplanContext) {
        this.runner = runner;
        this.dialplanContext = AsteriskCommand.dialplanShow(dialplanContext).context();
    }

    public Verification verify(ExpectedLiveState expected) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<LiveKind, ExpectedNames> check : expected.checks().entrySet()) {
            problems.addAll(check(check.getKey(), check.getValue()));
        }
        return new Verification(problems);
    }

    private List<String> check(LiveKind kind, ExpectedNames expected) {
        AsteriskCommand command = kind.showCommand(dialplanContext);
        String text;
        try {
            text = runner.run(command).text();
        } catch (AsteriskException e) {
            return List.of(kind.label() + ": could not run '" + command.text() + "': " + e.getMessage());
        }
        ShowOutputParser.ShownNames shown = ShowOutputParser.parse(kind, command, text, dialplanContext);
        if (!shown.readable()) {
            return List.of(kind.label() + ": " + shown.problem());
        }
        Set<String> live = shown.names();
        Set<String> rendered = expected.present().stream().map(name -> shownAs(kind, name)).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();

        List<String> missing = expected.present().stream().filter(name -> !live.contains(shownAs(kind, name))).toList();
        if (!missing.isEmpty()) {
            problems.add(kind.label() + ": " + missing.size() + " of " + expected.present().size() + " " + kind.noun()
                    + " missing: " + list(missing));
        }
        if (kind.exact()) {
            List<String> unexpected = live.stream().filter(name -> !rendered.contains(name)).toList();
            if (!unexpected.isEmpty()) {
                problems.add(kind.label() + ": unexpected " + kind.noun() + " in " + dialplanContext + ": "
                        + list(unexpected));
            }
        } else {
            // A removed name shown the same as a rendered one (both cut at the column width) cannot be told apart.
            List<String> stillLive = expected.removed().stream()
                    .filter(name -> live.contains(shownAs(kind, name)) && !rendered.contains(shownAs(kind, name)))
                    .toList();
            if (!stillLive.isEmpty()) {
                problems.add(kind.label() + ": removed " + kind.noun() + " still live: " + list(stillLive));
            }
        }
        return problems;
    }

    /** The name as the show command prints it, cut at its column width. */
    private static String shownAs(LiveKind kind, String name) {
        int width = kind.nameWidth();
        return width > 0 && name.length() > width ? name.substring(0, width) : name;
    }

    private static String list(List<String> names) {
        String listed = String.join(", ", names.subList(0, Math.min(names.size(), LISTED_NAMES)));
        return names.size() > LISTED_NAMES ? listed + " and " + (names.size() - LISTED_NAMES) + " more" : listed;
    }
}
