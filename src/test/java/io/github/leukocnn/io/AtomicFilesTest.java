package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	@TempDir
	Path dir;

	@Test
	void writesAndLeavesNoTemporaryFile() throws IOException {
		Path f = dir.resolve("a.txt");
		AtomicFiles.writeString(f, false, "hello");
		assertEquals("hello", Files.readString(f));
		try (var s = Files.list(dir)) {
			assertEquals(List.of(f), s.toList());
		}
	}

	@Test
	void refusesToReplaceExistingFileAndNamesIt() throws IOException {
		Path f = dir.resolve("results.csv");
		Files.writeString(f, "precious");
		AtomicFiles.OutputExistsException e = assertThrows(AtomicFiles.OutputExistsException.class,
			() -> AtomicFiles.writeString(f, false, "new"));
		assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
		assertEquals("precious", Files.readString(f));
		try (var s = Files.list(dir)) {
			assertEquals(1, s.count(), "no temporary file left behind");
		}
	}

	@Test
	void replacesWhenOverwriteIsAllowed() throws IOException {
		Path f = dir.resolve("a.txt");
		Files.writeString(f, "old");
		AtomicFiles.writeString(f, true, "new");
		assertEquals("new", Files.readString(f));
	}

	@Test
	void failedWriteKeepsOldContentAndRemovesTemp() throws IOException {
		Path f = dir.resolve("a.txt");
		Files.writeString(f, "old");
		assertThrows(IOException.class, () -> AtomicFiles.write(f, true, out -> {
			out.write("partial".getBytes());
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(f));
		try (var s = Files.list(dir)) {
			assertEquals(1, s.count());
		}
	}

	@Test
	void groupCommitsAllOrNothing() throws IOException {
		Path a = dir.resolve("a.txt"), b = dir.resolve("b.txt");
		try (AtomicFiles.Group g = new AtomicFiles.Group(false)) {
			g.write(a, out -> out.write('1'));
			assertFalse(Files.exists(a), "not visible before commit");
			assertThrows(IOException.class, () -> g.write(b, out -> {
				throw new IOException("boom");
			}));
			// no commit: closing discards a
		}
		assertFalse(Files.exists(a));
		assertFalse(Files.exists(b));
		try (var s = Files.list(dir)) {
			assertEquals(0, s.count());
		}
		try (AtomicFiles.Group g = new AtomicFiles.Group(false)) {
			g.write(a, out -> out.write('1'));
			g.write(b, out -> out.write('2'));
			g.commit();
		}
		assertEquals("1", Files.readString(a));
		assertEquals("2", Files.readString(b));
	}

	@Test
	void checkCanWriteNamesTheFirstExistingFile() throws IOException {
		Path a = dir.resolve("a"), b = dir.resolve("b");
		Files.writeString(b, "x");
		IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkCanWrite(List.of(a, b), false));
		assertTrue(e.getMessage().startsWith(b.toString()));
		AtomicFiles.checkCanWrite(List.of(a, b), true);
	}
}
