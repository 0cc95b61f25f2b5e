package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for the terminal, as the layer reports print them. */
public final class TextColumns {
    private TextColumns() {}

    /** Left-aligned columns two spaces apart; the last column is not padded, and empty trailing cells vanish. */
    public static List<String> render(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size() - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                b.append(row.get(c));
                if (c < row.size() - 1) {
                    b.append(" ".repeat(widths[c] - row.get(c).length() + 2));
                }
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }
}
