package org.jspt.refine.options;

/**
 * The value kinds of the refinemulti command line, with the type word EMAN2's {@code --generate_doc}
 * and help print for each.
 */
public enum OptionType {
    /** A string (file names, lists, modifier strings {@code name:key=value}). */
    STRING("string"),
    /** Parsed like Python {@code int()}. */
    INT("int"),
    /** Parsed like Python {@code float()}. */
    FLOAT("float"),
    /** argparse {@code store_true}: takes no value. */
    FLAG("bool"),
    /**
     * A boolean that takes an optional value ({@code true/false/1/0/yes/no}, any case); bare = true.
     * NB: EMAN2 declares {@code --procfinelikecoarse} with {@code type=bool}, which makes every
     * non-empty string true; docs/reference/refinemulti.md §2.1 asks for real parsing.
     */
    BOOL("bool");

    private final String docWord;

    OptionType(String docWord) { this.docWord = docWord; }

    /** EMAN2's type word: string, int, float or bool. */
    public String docWord() { return docWord; }
}
