package io.rhoai.cli.output;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with columns padded to the widest cell, kubectl-style (upper-case headers, two spaces). */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    public Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    @Override
    public String toString() {
        int[] width = new int[columns];
        for (String[] r : rows) for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
