package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableTest {

	private static final Path SRC = Path.of("t.csv");

	@Test
	void readsQuotedFieldsAndLineEnds() throws IOException {
		CsvTable t = CsvTable.parse(SRC, "\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\",\r\n\"multi\nline\",2.5,z\n");
		assertEquals(List.of("a", "b", "c"), t.header());
		assertEquals(2, t.rowCount());
		assertEquals("x, \"y\"", t.get(0, "b"));
		assertEquals("", t.get(0, "c"));
		assertEquals("multi\nline", t.get(1, "a"));
		assertEquals(2.5, t.number(1, "b"));
		assertTrue(Double.isNaN(t.number(0, "c")));
		assertEquals(3, t.lineNumber(1));
	}

	@Test
	void clearErrors() {
		IOException e = assertThrows(IOException.class, () -> CsvTable.parse(SRC, "a,b\n1\n"));
		assertTrue(e.getMessage().contains("line 2 has 1 fields"), e.getMessage());
		e = assertThrows(IOException.class, () -> CsvTable.parse(SRC, "a,b\n1,zz\n").number(0, "b"));
		assertTrue(e.getMessage().contains("'zz' is not a number"), e.getMessage());
		e = assertThrows(IOException.class, () -> CsvTable.parse(SRC, "a,b\n").requireColumns(List.of("a", "c")));
		assertTrue(e.getMessage().contains("[c]"), e.getMessage());
		assertThrows(IOException.class, () -> CsvTable.parse(SRC, ""));
		assertThrows(IOException.class, () -> CsvTable.parse(SRC, "a,a\n"));
		assertThrows(IOException.class, () -> CsvTable.parse(SRC, "a\n\"open\n"));
	}
}
