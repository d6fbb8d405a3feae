package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

	@Test
	void quotesFieldsAsRfc4180Requires() {
		assertEquals("plain", CsvWriter.quote("plain"));
		assertEquals("\"a,b\"", CsvWriter.quote("a,b"));
		assertEquals("\"say \"\"hi\"\"\"", CsvWriter.quote("say \"hi\""));
		assertEquals("\"two\nlines\"", CsvWriter.quote("two\nlines"));
		assertEquals("\"cr\rhere\"", CsvWriter.quote("cr\rhere"));
		assertEquals("\" padded \"", CsvWriter.quote(" padded "));
		assertEquals("", CsvWriter.quote(""));
	}

	@Test
	void numbersIgnoreTheLocale() {
		Locale saved = Locale.getDefault();
		try {
			Locale.setDefault(Locale.GERMANY); // decimal comma
			assertEquals("1234.5", CsvWriter.format(1234.5));
			assertEquals("0.3", CsvWriter.format(0.1 + 0.2));
			assertEquals("0.333333", CsvWriter.format(1.0 / 3));
			assertEquals("-2", CsvWriter.format(-2.0));
			assertEquals("0", CsvWriter.format(-0.0));
			assertEquals("1.5", CsvWriter.format(1.5f));
			assertEquals("NaN", CsvWriter.format(Double.NaN));
			assertEquals("Infinity", CsvWriter.format(Double.POSITIVE_INFINITY));
			assertEquals("-Infinity", CsvWriter.format(Double.NEGATIVE_INFINITY));
			assertEquals("1234567", CsvWriter.format(1234567));
			assertEquals("true", CsvWriter.format(true));
			assertEquals("", CsvWriter.format(null));
			assertEquals(1e-7 < 5e-7 ? "0" : "?", CsvWriter.format(1e-7)); // below 6 decimals
		}
		finally {
			Locale.setDefault(saved);
		}
	}

	@Test
	void writesHeaderAndRowsInColumnOrder(@TempDir Path dir) throws IOException {
		Path f = dir.resolve("t.csv");
		CsvWriter.write(f, false, List.of("id", "name", "value"),
			List.of(new Object[] { 1, "a, b", 0.5 }, new Object[] { 2, "x\"y", Double.NaN }));
		assertEquals("id,name,value\r\n1,\"a, b\",0.5\r\n2,\"x\"\"y\",NaN\r\n", Files.readString(f));
	}

	@Test
	void awkwardFieldsSurviveARoundTripThroughTheReader(@TempDir Path dir) throws IOException {
		String[] awkward = { "plain", "comma, inside", "quote \" inside", "line\r\nbreak", " edge spaces ", "", "naïve ünïcödé" };
		List<Object[]> rows = new java.util.ArrayList<>();
		for (int i = 0; i < awkward.length; i++)
			rows.add(new Object[] { i, awkward[i], i / 7.0 });
		Path f = dir.resolve("awkward.csv");
		CsvWriter.write(f, false, List.of("id", "text", "x"), rows);
		CsvTable back = CsvTable.read(f);
		assertEquals(awkward.length, back.rowCount());
		for (int i = 0; i < awkward.length; i++) {
			assertEquals(awkward[i], back.get(i, "text"));
			assertEquals(i / 7.0, back.number(i, "x"), 1e-6);
		}
	}

	@Test
	void rejectsRowWithWrongFieldCountBeforeWriting(@TempDir Path dir) {
		Path f = dir.resolve("t.csv");
		assertThrows(IllegalArgumentException.class,
			() -> CsvWriter.write(f, false, List.of("a", "b"), List.<Object[]>of(new Object[] { 1 })));
		assertFalse(Files.exists(f));
	}
}
