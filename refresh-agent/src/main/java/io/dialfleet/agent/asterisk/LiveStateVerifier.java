package io.dialfleet.agent.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what Asterisk actually loaded against what was rendered, because a reload answers "success" even when a
 * broken {@code #include}d file made it drop every section after the error (docs/spec/asterisk-behaviour.md, "A broken file").
 *
 * <p>Rules: every rendered name must be live; the dialplan context is entirely dialfleet's, so it must hold exactly
 * the rendered extensions; peers, endpoints and mailboxes may include the operator's own, but names removed since
 * the previous apply must be gone.
 *
 * <p>These tables cut names at their column width ({@link LiveKind#nameWidth()}) and show no secrets or links, so
 * this check is the {@code cli} mode's; over AMI, {@link AmiLiveStateVerifier} reads full names and fields.
 */
public final class LiveStateVerifier implements LiveStateCheck {

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

    @Override
    public Verification verify(ExpectedLiveState expected) {
        List<String> problems = new ArrayList<>();
        List<Verification.FailedObject> failed = new ArrayList<>();
        List<String> otherwise = new ArrayList<>();
        for (Map.Entry<LiveKind, ExpectedNames> check : expected.checks().entrySet()) {
            check(check.getKey(), check.getValue(), problems, failed, otherwise);
        }
        return new Verification(problems, failed, otherwise);
    }

    private void check(LiveKind kind, ExpectedNames expected, List<String> allProblems,
            List<Verification.FailedObject> failed, List<String> otherwise) {
        AsteriskCommand command = kind.showCommand(dialplanContext);
        String text;
        try {
            text = runner.run(command).text();
        } catch (AsteriskException e) {
            String problem = kind.label() + ": could not run '" + command.text() + "': " + e.getMessage();
            allProblems.add(problem);
            otherwise.add(problem);
            return;
        }
        ShowOutputParser.ShownNames shown = ShowOutputParser.parse(kind, command, text, dialplanContext);
        if (!shown.readable()) {
            String problem = kind.label() + ": " + shown.problem();
            allProblems.add(problem);
            otherwise.add(problem);
            return;
        }
        Set<String> live = shown.names();
        Set<String> rendered = expected.present().stream().map(name -> shownAs(kind, name)).collect(Collectors.toSet());
        List<String> missing = expected.present().stream().filter(name -> !live.contains(shownAs(kind, name))).toList();
        if (!missing.isEmpty()) {
            allProblems.add(kind.label() + ": " + missing.size() + " of " + expected.present().size() + " "
                    + kind.noun() + " missing: " + list(missing));
            missing.forEach(name -> failed.add(new Verification.FailedObject(kind, name,
                    kind.label() + " " + kind.noun() + " missing after the reload")));
        }
        if (kind.exact()) {
            List<String> unexpected = live.stream().filter(name -> !rendered.contains(name)).toList();
            if (!unexpected.isEmpty()) {
                String problem = kind.label() + ": unexpected " + kind.noun() + " in " + dialplanContext + ": "
                        + list(unexpected);
                allProblems.add(problem);
                otherwise.add(problem);
            }
        } else {
            // A removed name shown the same as a rendered one (both cut at the column width) cannot be told apart.
            List<String> stillLive = expected.removed().stream()
                    .filter(name -> live.contains(shownAs(kind, name)) && !rendered.contains(shownAs(kind, name)))
                    .toList();
            if (!stillLive.isEmpty()) {
                String problem = kind.label() + ": removed " + kind.noun() + " still live: " + list(stillLive);
                allProblems.add(problem);
                otherwise.add(problem);
            }
        }
    }

    /** The name as the show command prints it, cut at its column width. */
    private static String shownAs(LiveKind kind, String name) {
        int width = kind.nameWidth();
        return width > 0 && name.length() > width ? name.substring(0, width) : name;
    }

    static String list(List<String> names) {
        String listed = String.join(", ", names.subList(0, Math.min(names.size(), LISTED_NAMES)));
        return names.size() > LISTED_NAMES ? listed + " and " + (names.size() - LISTED_NAMES) + " more" : listed;
    }
}
