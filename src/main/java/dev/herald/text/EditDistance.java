package dev.herald.text;

/**
 * Edit distance with transpositions (optimal string alignment: insert, delete, substitute, swap two neighbours), with
 * a cut-off so a spelling search over a whole vocabulary stops early on words that are far apart.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** The distance between a and b, or {@code max + 1} when it is more than {@code max}. */
    public static int within(CharSequence a, CharSequence b, int max) {
        int n = a.length(), m = b.length();
        if (Math.abs(n - m) > max) return max + 1;
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = j;
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowBest = current[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) d = Math.min(d, before[j - 2] + 1);
                current[j] = d;
                rowBest = Math.min(rowBest, d);
            }
            if (rowBest > max) return max + 1;
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[m], max + 1);
    }
}
