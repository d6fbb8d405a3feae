package io.github.leukocnn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV table read whole into memory (RFC 4180: quoted fields with doubled quotes, commas and
 * line breaks inside quotes; CRLF or LF line ends; a UTF-8 byte order mark is ignored). The first
 * row is the header; columns are looked up by name, so extra or reordered columns do no harm.
 * Errors name the file, the line and the column.
 */
public final class CsvTable {

	private final Path source;
	private final List<String> header;
	private final Map<String, Integer> columns = new LinkedHashMap<>();
	private final List<String[]> rows;
	private final List<Integer> lineNumbers;

	private CsvTable(Path source, List<String> header, List<String[]> rows, List<Integer> lineNumbers) {
		this.source = source;
		this.header = List.copyOf(header);
		for (int i = 0; i < header.size(); i++)
			if (columns.putIfAbsent(header.get(i), i) != null)
				throw new IllegalArgumentException(source + ": column '" + header.get(i) + "' appears twice in the header");
		this.rows = rows;
		this.lineNumbers = lineNumbers;
	}

	public static CsvTable read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such CSV file");
		return parse(file, Files.readString(file, StandardCharsets.UTF_8));
	}

	/** Parses {@code text}; {@code source} only names it in messages. */
	public static CsvTable parse(Path source, String text) throws IOException {
		if (text.startsWith("\uFEFF")) text = text.substring(1);
		List<String[]> records = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false, fieldStarted = false;
		int line = 1, recordLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else quoted = false;
				}
				else {
					if (ch == '\n') line++;
					field.append(ch);
				}
			}
			else if (ch == '"' && field.length() == 0) {
				quoted = true;
				fieldStarted = true;
			}
			else if (ch == ',') {
				fields.add(field.toString());
				field.setLength(0);
				fieldStarted = true;
			}
			else if (ch == '\r' || ch == '\n') {
				if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
				if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
					fields.add(field.toString());
					records.add(fields.toArray(String[]::new));
					lines.add(recordLine);
				}
				fields.clear();
				field.setLength(0);
				fieldStarted = false;
				line++;
				recordLine = line;
			}
			else field.append(ch);
		}
		if (quoted) throw new IOException(source + ": line " + recordLine + ": a quoted field is not closed");
		if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
			fields.add(field.toString());
			records.add(fields.toArray(String[]::new));
			lines.add(recordLine);
		}
		if (records.isEmpty()) throw new IOException(source + ": empty file, expected a CSV header line");
		List<String> header = new ArrayList<>();
		for (String h : records.get(0))
			header.add(h.trim());
		for (int r = 1; r < records.size(); r++)
			if (records.get(r).length != header.size())
				throw new IOException(source + ": line " + lines.get(r) + " has " + records.get(r).length + " fields, the header has " + header.size());
		try {
			return new CsvTable(source, header, records.subList(1, records.size()), lines.subList(1, lines.size()));
		}
		catch (IllegalArgumentException e) {
			throw new IOException(e.getMessage());
		}
	}

	public List<String> header() {
		return header;
	}

	public int rowCount() {
		return rows.size();
	}

	public boolean hasColumn(String name) {
		return columns.containsKey(name);
	}

	/** Fails with a message listing what is there when {@code names} are not all in the header. */
	public void requireColumns(List<String> names) throws IOException {
		List<String> missing = new ArrayList<>();
		for (String n : names)
			if (!hasColumn(n)) missing.add(n);
		if (!missing.isEmpty())
			throw new IOException(source + ": missing column(s) " + missing + "; the header has " + header);
	}

	public String get(int row, String column) {
		Integer c = columns.get(column);
		if (c == null) throw new IllegalArgumentException(source + ": no column '" + column + "'");
		return rows.get(row)[c];
	}

	/** The field as a number; empty means NaN. */
	public double number(int row, String column) throws IOException {
		String v = get(row, column).trim();
		if (v.isEmpty()) return Double.NaN;
		try {
			return Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new IOException(source + ": line " + lineNumbers.get(row) + ", column " + column + ": '" + v + "' is not a number");
		}
	}

	/** Line number in the file of a data row (1 = header), for messages. */
	public int lineNumber(int row) {
		return lineNumbers.get(row);
	}

	public Path source() {
		return source;
	}
}
