package io.github.leukocnn.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.leukocnn.io.CsvTable;

/**
 * A labelled prediction table: columns {@code image,true_class,p_<class>…} (in any order, more
 * columns allowed). The classes are the {@code p_} columns in header order. Rows whose
 * probabilities do not sum to 1 within {@link #SUM_TOLERANCE} are rejected (they are not
 * probabilities); within it they are renormalised, which only undoes the rounding of the CSV.
 */
public record Predictions(List<String> classes, List<String> images, int[] truth, double[][] probabilities) {

	public static final double SUM_TOLERANCE = 1e-3;

	public int size() {
		return truth.length;
	}

	public static Predictions read(Path csv) throws IOException {
		CsvTable t = CsvTable.read(csv);
		t.requireColumns(List.of("image", "true_class"));
		List<String> classes = new ArrayList<>();
		List<String> columns = new ArrayList<>();
		for (String h : t.header())
			if (h.startsWith("p_") && h.length() > 2) {
				classes.add(h.substring(2));
				columns.add(h);
			}
		if (classes.size() < 2)
			throw new IOException(csv + ": needs a probability column p_<class> for each of at least two classes; the header has " + t.header());
		int n = t.rowCount();
		if (n == 0) throw new IOException(csv + ": no predictions (only a header)");
		List<String> images = new ArrayList<>(n);
		int[] truth = new int[n];
		double[][] p = new double[n][classes.size()];
		for (int r = 0; r < n; r++) {
			String where = csv + ": line " + t.lineNumber(r) + ": ";
			images.add(t.get(r, "image"));
			String label = t.get(r, "true_class").trim();
			truth[r] = classes.indexOf(label);
			if (truth[r] < 0) throw new IOException(where + "true_class '" + label + "' is not one of the classes " + classes);
			double sum = 0;
			for (int c = 0; c < classes.size(); c++) {
				double v = t.number(r, columns.get(c));
				if (!(v >= 0 && v <= 1)) throw new IOException(where + columns.get(c) + " = " + v + " is not a probability (0..1)");
				p[r][c] = v;
				sum += v;
			}
			if (Math.abs(sum - 1) > SUM_TOLERANCE)
				throw new IOException(where + "probabilities sum to " + sum + ", not 1");
			for (int c = 0; c < classes.size(); c++)
				p[r][c] /= sum;
		}
		return new Predictions(List.copyOf(classes), List.copyOf(images), truth, p);
	}

	/** Rows for {@link #header}: image, true class, probabilities. */
	public List<Object[]> rows() {
		List<Object[]> rows = new ArrayList<>(truth.length);
		for (int i = 0; i < truth.length; i++) {
			Object[] r = new Object[2 + classes.size()];
			r[0] = images.get(i);
			r[1] = classes.get(truth[i]);
			for (int c = 0; c < classes.size(); c++)
				r[2 + c] = probabilities[i][c];
			rows.add(r);
		}
		return rows;
	}

	/** Header of a predictions table for {@code classes}, the inverse of {@link #read}. */
	public static List<String> header(List<String> classes) {
		List<String> h = new ArrayList<>(List.of("image", "true_class"));
		for (String c : classes)
			h.add("p_" + c);
		return h;
	}
}
