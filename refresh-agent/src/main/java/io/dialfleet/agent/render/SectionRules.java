package io.dialfleet.agent.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@link SectionRule}, in the order their reasons are reported: the name first, then what the section is,
 * who may use it, how it registers, and its values.
 */
final class SectionRules {

    private static final List<SectionRule> RULES = List.of(
            new SectionNameLengthRule(),
            new ReservedNameRule(),
            new SectionTypeRule(),
            new PeerHostRule(),
            new SecretRule(),
            new WizardRegistrationRule(),
            new AorValueRule(),
            new CodecNameRule());

    private SectionRules() {
    }

    /** Every rule's problem with the section, in rule order; empty when Asterisk will load it as a working phone. */
    static List<String> problems(PeerSection section) {
        List<String> problems = new ArrayList<>(0);
        for (SectionRule rule : RULES) {
            String problem = rule.problem(section);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }
}
