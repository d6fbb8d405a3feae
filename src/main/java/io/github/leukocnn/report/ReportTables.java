package io.github.leukocnn.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.leukocnn.segment.CellMeasurements;

/**
 * The column layout of the {@code classify} tables: one home for the header and the row of
 * {@code cells.csv}, {@code images.csv} and {@code slide.csv}, so scripts can rely on them.
 *
 * <ul>
 * <li>cells.csv: image, cell_id, bbox_x, bbox_y, bbox_width, bbox_height, class, p_&lt;class&gt;…,
 * then the remaining {@link CellMeasurements#COLUMNS} (centroid_x … touches_border); cell_id and bbox are
 * not repeated. A single-cell image has cell_id 1, the whole image as bbox and empty morphometry.</li>
 * <li>images.csv: image, cell_count, count_&lt;class&gt;…, blast_percent, blast_ci_low, blast_ci_high,
 * call, leukaemia, leukaemia_probability, call_threshold, p_&lt;class&gt;… (field-level). Percentages
 * are 0..100; with no cells blast_percent is NaN and its interval 0..100. leukaemia_probability is
 * P(leukaemia), the summed probability of the positive classes, which the model's call_threshold (NaN
 * = argmax) decides by; NaN without cells or positive classes.</li>
 * <li>slide.csv: fields, fields_with_cells, positive_fields, cell_count, count_&lt;class&gt;…,
 * blast_percent, blast_ci_low, blast_ci_high, call, leukaemia, leukaemia_probability, call_threshold,
 * p_&lt;class&gt;…, rule.</li>
 * </ul>
 * leukaemia is {@code positive} or {@code negative}.
 */
public final class ReportTables {

	public static final String POSITIVE = "positive", NEGATIVE = "negative";

	/** cells.csv columns that come from the classifier (after image and the first 5 measurement columns). */
	private static final int LEADING_MEASUREMENTS = 5; // cell_id, bbox_x, bbox_y, bbox_width, bbox_height

	/** The columns between the counts and the class probabilities: the blast percentage with its interval, and the call. */
	private static final List<String> CALL_COLUMNS = List.of("blast_percent", "blast_ci_low", "blast_ci_high", "call", "leukaemia",
		"leukaemia_probability", "call_threshold");

	private ReportTables() {}

	/** call, leukaemia, leukaemia_probability and call_threshold of {@link #CALL_COLUMNS}. */
	private static void addCall(List<Object> row, Decision d) {
		row.add(d.call());
		row.add(d.leukaemiaCall());
		row.add(d.leukaemiaProbability());
		row.add(d.callThreshold());
	}

	public static List<String> cellHeader(List<String> classes) {
		List<String> h = new ArrayList<>();
		h.add("image");
		h.addAll(Arrays.asList(CellMeasurements.COLUMNS).subList(0, LEADING_MEASUREMENTS));
		h.add("class");
		for (String c : classes)
			h.add("p_" + c);
		h.addAll(Arrays.asList(CellMeasurements.COLUMNS).subList(LEADING_MEASUREMENTS, CellMeasurements.COLUMNS.length));
		return h;
	}

	/**
	 * Rows of one field for cells.csv.
	 *
	 * @param width image width, the bbox of a single cell without measurements
	 * @param height image height
	 */
	public static List<Object[]> cellRows(FieldReport field, int width, int height) {
		List<Object[]> rows = new ArrayList<>();
		int n = 1 + LEADING_MEASUREMENTS + 1 + field.classes().size() + CellMeasurements.COLUMNS.length - LEADING_MEASUREMENTS;
		int cellNumber = 0;
		for (CellCall cell : field.cells()) {
			cellNumber++;
			Object[] row = new Object[n];
			int i = 0;
			row[i++] = field.image();
			Object[] m = cell.measurements() == null
				? singleCellMeasurements(cellNumber, width, height)
				: cell.measurements().values();
			for (int j = 0; j < LEADING_MEASUREMENTS; j++)
				row[i++] = m[j];
			row[i++] = field.classes().get(cell.classIndex());
			for (double p : cell.probabilities())
				row[i++] = p;
			for (int j = LEADING_MEASUREMENTS; j < CellMeasurements.COLUMNS.length; j++)
				row[i++] = m[j];
			rows.add(row);
		}
		return rows;
	}

	/** id and the whole image as bbox; morphometry unknown (empty fields). */
	private static Object[] singleCellMeasurements(int id, int width, int height) {
		Object[] m = new Object[CellMeasurements.COLUMNS.length];
		m[0] = id;
		m[1] = 0;
		m[2] = 0;
		m[3] = width;
		m[4] = height;
		return m;
	}

	public static List<String> imageHeader(List<String> classes) {
		List<String> h = new ArrayList<>();
		h.add("image");
		h.add("cell_count");
		for (String c : classes)
			h.add("count_" + c);
		h.addAll(CALL_COLUMNS);
		for (String c : classes)
			h.add("p_" + c);
		return h;
	}

	public static Object[] imageRow(FieldReport f) {
		List<Object> row = new ArrayList<>();
		row.add(f.image());
		row.add(f.cellCount());
		for (long c : f.counts())
			row.add(c);
		row.add(100 * f.blastFraction().estimate());
		row.add(100 * f.blastFraction().low());
		row.add(100 * f.blastFraction().high());
		addCall(row, f);
		for (double p : f.fieldProbabilities())
			row.add(f.hasCall() ? p : Double.NaN); // without cells only the prior: no answer
		return row.toArray();
	}

	public static List<String> slideHeader(List<String> classes) {
		List<String> h = new ArrayList<>(List.of("fields", "fields_with_cells", "positive_fields", "cell_count"));
		for (String c : classes)
			h.add("count_" + c);
		h.addAll(CALL_COLUMNS);
		for (String c : classes)
			h.add("p_" + c);
		h.add("rule");
		return h;
	}

	public static Object[] slideRow(SlideReport s) {
		List<Object> row = new ArrayList<>();
		row.add(s.fieldCount());
		row.add(s.fieldsWithCells());
		row.add(s.positiveFields());
		row.add(s.cellCount());
		for (long c : s.counts())
			row.add(c);
		row.add(100 * s.blastFraction().estimate());
		row.add(100 * s.blastFraction().low());
		row.add(100 * s.blastFraction().high());
		addCall(row, s);
		for (double p : s.probabilities())
			row.add(s.hasCall() ? p : Double.NaN);
		row.add(SlideReport.RULE);
		return row.toArray();
	}
}
