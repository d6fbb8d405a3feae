package io.github.leukocnn.ij;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ij.measure.ResultsTable;
import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.report.FieldReport;
import io.github.leukocnn.report.ReportTables;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;

/**
 * LeukoCNN's own result tables, "LeukoCNN Cells" (one row per cell) and "LeukoCNN Fields" (one row
 * per image). They are never ImageJ's "Results" table, so running LeukoCNN cannot clobber the
 * user's measurements. Runs append rows (each row names its image); {@link #reset} empties a table.
 * Headless ImageJ 1 cannot show tables, so there the tables are kept here, where macros reach them
 * through {@code io.github.leukocnn.plugin.LeukoCnnMacro}.
 */
public final class CellTables {

	private CellTables() {}

	public static final String CELLS = "LeukoCNN Cells";
	public static final String FIELDS = "LeukoCNN Fields";

	private static final Map<String, ResultsTable> KEPT = new TreeMap<>();

	/** The open table called {@code title} (the one in its window, if shown), or a new empty one. */
	public static synchronized ResultsTable get(String title) {
		if (!GraphicsEnvironment.isHeadless()) {
			ResultsTable open = ResultsTable.getResultsTable(title);
			// A table whose window the user closed is gone: start a new one, as ImageJ does.
			if (open == null) KEPT.remove(title);
			else KEPT.put(title, open);
		}
		return KEPT.computeIfAbsent(title, t -> {
			ResultsTable rt = new ResultsTable();
			rt.showRowNumbers(false);
			// Rows from different models have different columns (count_benign, p_blast...): a column a
			// row lacks is NaN, not ImageJ's default 0, which would read as a real count or probability.
			rt.setNaNEmptyCells(true);
			return rt;
		});
	}

	/** Shows {@code table} in its window (nothing to show when headless; it stays reachable by {@link #get}). */
	public static synchronized void show(String title, ResultsTable table) {
		KEPT.put(title, table);
		table.show(title);
	}

	/** Empties the table called {@code title}. */
	public static synchronized void reset(String title) {
		ResultsTable rt = get(title);
		rt.reset();
		if (!GraphicsEnvironment.isHeadless() && ResultsTable.getResultsTable(title) != null) rt.show(title);
	}

	/**
	 * Appends one row per cell: image, cell_id, class, probability, then the morphometry of
	 * {@link CellMeasurements#COLUMNS}. Class is empty and probability NaN for unclassified cells.
	 *
	 * @param classified the cells' classes, in the order of the measurements; null if unclassified
	 */
	public static void addCells(ResultsTable rt, String image, Segmentation segmentation, FieldReport classified) {
		rt.setNaNEmptyCells(true); // also for a table that was not made by get()
		var cells = segmentation.measurements();
		for (int i = 0; i < cells.size(); i++) {
			CellMeasurements m = cells.get(i);
			rt.addRow();
			rt.addValue("image", image);
			rt.addValue("cell_id", m.id());
			rt.addValue("class", classified == null ? "" : CellDisplay.className(classified, i));
			rt.addValue("probability", classified == null ? Double.NaN : classified.cells().get(i).confidence());
			Object[] values = m.values();
			for (int c = 1; c < values.length; c++) // column 0 is cell_id, already written
				rt.addValue(CellMeasurements.COLUMNS[c], number(values[c]));
		}
	}

	/**
	 * Appends one row for a classified field, with the columns of the command line's images.csv
	 * ({@link ReportTables#imageHeader}): differential count, blast percentage with its 95% interval,
	 * field call, leukaemia call, field probabilities. Rows of fields classified with models of other
	 * classes leave this field's cells of those classes' columns NaN (and it leaves theirs NaN), not 0.
	 */
	public static void addField(ResultsTable rt, FieldReport field) {
		List<String> header = ReportTables.imageHeader(field.classes());
		Object[] row = ReportTables.imageRow(field);
		rt.setNaNEmptyCells(true); // columns of another model's classes stay empty in this row, not 0
		rt.addRow();
		for (int c = 0; c < row.length; c++) {
			if (row[c] instanceof Number n) rt.addValue(header.get(c), n.doubleValue());
			else rt.addValue(header.get(c), String.valueOf(row[c]));
		}
	}

	/** {@code rt} as RFC 4180 CSV: text cells as text, numbers in full precision. */
	public static String csv(ResultsTable rt) {
		String[] headings = rt.getHeadings();
		List<String> header = new ArrayList<>();
		for (String h : headings)
			if (!h.isBlank() && !h.equals("Label")) header.add(h); // not the row numbers or row labels
		List<Object[]> rows = new ArrayList<>();
		for (int r = 0; r < rt.size(); r++) {
			Object[] row = new Object[header.size()];
			for (int c = 0; c < row.length; c++) {
				double v = rt.getValue(header.get(c), r);
				String text = rt.getStringValue(header.get(c), r);
				row[c] = Double.isNaN(v) && text != null && !text.equals("NaN") ? text : (Object) v;
			}
			rows.add(row);
		}
		return CsvWriter.toCsv(header, rows);
	}

	private static double number(Object value) {
		if (value instanceof Boolean b) return b ? 1 : 0;
		return ((Number) value).doubleValue();
	}
}
