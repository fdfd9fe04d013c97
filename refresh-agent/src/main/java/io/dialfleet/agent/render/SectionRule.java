package io.dialfleet.agent.render;

/**
 * One thing Asterisk would mangle in a peer section, checked before anything is written (docs/spec/conf-generation.md,
 * "Safety"; the December 2026 recordings of docs/spec/asterisk-behaviour.md). A section a rule refuses is left out with the
 * rule's reason: Asterisk would otherwise drop it, cut it, or load a phone that accepts anyone, while its reload
 * still answers "reloaded successfully".
 */
interface SectionRule {

    /**
     * @return why Asterisk would not load this section as a working phone, naming keys and fields but never a value;
     *         null when the rule has nothing against it
     */
    String problem(PeerSection section);
}
