package io.github.leukocnn.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV tables as RFC 4180 describes them: a header row, then one row per record, all with the
 * header's columns in its order; fields are quoted when they hold a comma, quote, CR, LF or
 * leading/trailing space, with quotes doubled; lines end with CRLF; UTF-8 without BOM.
 * <p>
 * Numbers do not depend on the user's locale (always a '.' decimal point, no grouping):
 * integers as they are; floating point rounded to {@link #DECIMALS} decimals without trailing
 * zeros (so 0.30000000000000004 prints as 0.3), {@code NaN}, {@code Infinity}, {@code -Infinity}
 * for the special values (read back by Java, R and pandas); booleans {@code true}/{@code false};
 * null as an empty field.
 */
public final class CsvWriter {

	/** Decimals kept for floating point numbers: sub-pixel precision is far below 1e-6 px. */
	public static final int DECIMALS = 6;

	private static final String EOL = "\r\n";

	private CsvWriter() {}

	/** Writes header and rows to {@code target} atomically (see {@link AtomicFiles}). */
	public static void write(Path target, boolean overwrite, List<String> header, Iterable<? extends Object[]> rows) throws IOException {
		String text = toCsv(header, rows); // formatted first: a bad row fails before anything is written
		AtomicFiles.writeString(target, overwrite, text);
	}

	/** Stages the table in {@code group}; it appears when the group commits. */
	public static void write(AtomicFiles.Group group, Path target, List<String> header, Iterable<? extends Object[]> rows) throws IOException {
		byte[] bytes = toCsv(header, rows).getBytes(StandardCharsets.UTF_8);
		group.write(target, out -> out.write(bytes));
	}

	/** Writes header and rows into a stream (the caller closes it). */
	public static void write(java.io.OutputStream out, List<String> header, Iterable<? extends Object[]> rows) throws IOException {
		Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		w.write(toCsv(header, rows));
		w.flush();
	}

	/** The whole table as text. */
	public static String toCsv(List<String> header, Iterable<? extends Object[]> rows) {
		StringBuilder sb = new StringBuilder();
		appendRow(sb, header.toArray(), header.size());
		for (Object[] row : rows)
			appendRow(sb, row, header.size());
		return sb.toString();
	}

	/** One row, with its line end. */
	public static String row(Object... fields) {
		StringBuilder sb = new StringBuilder();
		appendRow(sb, fields, fields.length);
		return sb.toString();
	}

	private static void appendRow(StringBuilder sb, Object[] fields, int columns) {
		if (fields.length != columns)
			throw new IllegalArgumentException("CSV row has " + fields.length + " fields but the header has " + columns + " columns");
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) sb.append(',');
			sb.append(quote(format(fields[i])));
		}
		sb.append(EOL);
	}

	/** The text of one value, before quoting. */
	public static String format(Object value) {
		if (value == null) return "";
		if (value instanceof Double d) return number(d);
		if (value instanceof Float f) return number(f.doubleValue());
		if (value instanceof BigDecimal b) return b.toPlainString();
		if (value instanceof Number || value instanceof Boolean) return value.toString();
		return value.toString();
	}

	/** A floating point number in locale-independent form. */
	public static String number(double d) {
		if (Double.isNaN(d)) return "NaN";
		if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
		BigDecimal b = new BigDecimal(d).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
		if (b.signum() == 0) return "0";
		return b.toPlainString();
	}

	/** Quotes a field if RFC 4180 requires it (or spaces at either end would be lost by readers). */
	public static String quote(String field) {
		boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 ||
			field.indexOf('\r') >= 0 || (!field.isEmpty() && (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' '));
		if (!needs) return field;
		return '"' + field.replace("\"", "\"\"") + '"';
	}
}
