package org.jspt.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The atoms a {@code simulate --pdb FILE:SELECTION} class keeps. SELECTION is comma-separated items
 * {@code CHAINS} (one or more chain ids, e.g. {@code ABC}) or {@code CHAIN/FIRST-LAST} / {@code CHAIN/N}
 * (residue numbers, inclusive); an item starting with {@code -} removes atoms. The items are applied in
 * order; if the first one removes, the selection starts from the whole model. Examples: {@code A/1-40,B}
 * (residues 1–40 of chain A and all of B), {@code ABC,-C/20-40} (the complex without a small domain). An item's
 * CHAINS name one chain when the model has a chain of exactly that id (mmCIF ids such as {@code AA}), otherwise one
 * chain per character.
 */
public record AtomSelection(String text, List<Item> items) {
    /** One item: chains (as written), an optional inclusive residue range, and whether it adds or removes. */
    public record Item(boolean remove, String chains, int first, int last) {
        /** The model's characters for this item's chains. @throws IllegalArgumentException if one is not in the model */
        String resolve(AtomModel m) {
            char whole = chains.length() > 1 ? m.chainWithId(chains) : 0;
            if (whole != 0) return String.valueOf(whole);
            if (first != Integer.MIN_VALUE && chains.length() != 1) {
                throw new IllegalArgumentException("selection item '" + chains + "/…': a residue range needs one chain, and the model has no chain '" + chains + "' (chains: " + m.chainIds() + ")");
            }
            for (char c : chains.toCharArray()) {
                if (m.chains().indexOf(c) < 0) throw new IllegalArgumentException("chain '" + c + "' not in model (chains: " + m.chainIds() + ")");
            }
            return chains;
        }
    }

    private static final Pattern ITEM = Pattern.compile("(-?)([A-Za-z0-9]+)(?:/(-?\\d+)(?:-(-?\\d+))?)?");

    /** True if {@code s} reads as a selection (so {@code FILE:s} is a file and a selection, not a file name with a colon). */
    public static boolean looksLikeSelection(String s) {
        if (s.isEmpty()) return false;
        for (String it : s.split(",", -1)) if (!ITEM.matcher(it).matches()) return false;
        return true;
    }

    public static AtomSelection parse(String s) {
        List<Item> items = new ArrayList<>();
        for (String it : s.split(",", -1)) {
            Matcher m = ITEM.matcher(it);
            if (!m.matches()) throw new IllegalArgumentException("bad selection item '" + it + "' in '" + s + "': use CHAINS or CHAIN/FIRST-LAST, '-' in front to remove");
            boolean range = m.group(3) != null;
            int first = range ? Integer.parseInt(m.group(3)) : Integer.MIN_VALUE;
            int last = range ? (m.group(4) != null ? Integer.parseInt(m.group(4)) : first) : Integer.MAX_VALUE;
            if (first > last) throw new IllegalArgumentException("selection item '" + it + "': first residue after last");
            items.add(new Item(!m.group(1).isEmpty(), m.group(2), first, last));
        }
        return new AtomSelection(s, List.copyOf(items));
    }

    /** The selected atoms. @throws IllegalArgumentException if an item names a chain or range with no atoms, or nothing is left */
    public AtomModel apply(AtomModel model) {
        boolean[] keep = new boolean[model.size()];
        if (items.get(0).remove()) java.util.Arrays.fill(keep, true);
        for (Item it : items) {
            String cs = it.resolve(model);
            int hits = 0;
            for (int i = 0; i < keep.length; i++) {
                if (cs.indexOf(model.chain(i)) >= 0 && model.residue(i) >= it.first() && model.residue(i) <= it.last()) {
                    keep[i] = !it.remove();
                    hits++;
                }
            }
            if (hits == 0) throw new IllegalArgumentException("selection item '" + (it.remove() ? "-" : "") + it.chains() + "/" + it.first() + "-" + it.last() + "' matches no atom");
        }
        AtomModel sub = model.select(keep);
        if (sub.size() == 0) throw new IllegalArgumentException("selection '" + text + "' leaves no atoms");
        return sub;
    }
}
