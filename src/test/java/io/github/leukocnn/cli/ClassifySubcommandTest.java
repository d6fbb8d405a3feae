package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.testutil.AreaRuleClassifier;
import io.github.leukocnn.testutil.DarkBlobSegmenter;
import io.github.leukocnn.testutil.DiscFields;

class ClassifySubcommandTest {

	@TempDir
	Path dir;

	private final List<String> modelsAsked = new ArrayList<>();
	private final ClassifySubcommand command = new ClassifySubcommand(DarkBlobSegmenter::new, name -> {
		modelsAsked.add(name);
		if (name.equals("missing.zip")) throw new IOException("no such model file");
		return new AreaRuleClassifier(300);
	});
	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	private int run(String... args) throws Exception {
		out.reset();
		err.reset();
		return command.run(new Arguments(List.of(args), command.flags()), new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	private Path twoImagesAndABadOne() throws IOException {
		Path in = dir.resolve("in");
		DiscFields.write(in, "a.png", 12, 6);
		DiscFields.write(in, "b.png", 12, 12, 12);
		Files.write(in.resolve("c.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 });
		return in;
	}

	@Test
	void classifiesGoesOnAfterABadFileAndExitsWithOne() throws Exception {
		Path in = twoImagesAndABadOne(), outDir = dir.resolve("out");
		assertEquals(1, run("--input", in.toString(), "--output", outDir.toString(), "--threads", "1"));
		assertTrue(err().contains("c.png"), err());
		assertEquals(List.of("all-screening"), modelsAsked);
		CsvTable images = CsvTable.read(outDir.resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals(2, images.rowCount());
		assertEquals("3", images.get(1, "count_blast"));
		CsvTable failures = CsvTable.read(outDir.resolve("failures.csv"));
		assertEquals(1, failures.rowCount());
		String stdout = out.toString(StandardCharsets.UTF_8);
		assertTrue(stdout.contains("all images: 5 cell(s), blasts 80.0%"), stdout);

		// Second run: the tables are in the way -> nothing is touched, exit 1, the message names --overwrite.
		String before = Files.readString(outDir.resolve(ClassifyBatch.CELLS_CSV));
		assertEquals(1, run("--input", in.toString(), "--output", outDir.toString()));
		assertTrue(err().contains("--overwrite"), err());
		assertEquals(before, Files.readString(outDir.resolve(ClassifyBatch.CELLS_CSV)));
		Files.delete(in.resolve("c.png"));
		assertEquals(0, run("--input", in.toString(), "--output", outDir.toString(), "--overwrite"));
		assertEquals(before, Files.readString(outDir.resolve(ClassifyBatch.CELLS_CSV)), "deterministic");
		assertEquals(0, CsvTable.read(outDir.resolve("failures.csv")).rowCount());
	}

	@Test
	void singleCellUsesTheCellTypeModel() throws Exception {
		Path in = dir.resolve("in");
		DiscFields.write(in, "x.png", 30);
		assertEquals(0, run("--input", in.resolve("x.png").toString(), "--output", dir.resolve("o").toString(), "--single-cell"));
		assertEquals(List.of("leukocyte-types"), modelsAsked);
		assertEquals("x.png", CsvTable.read(dir.resolve("o").resolve(ClassifyBatch.IMAGES_CSV)).get(0, "image"));
	}

	@Test
	void usageAndModelErrors() throws Exception {
		Path in = twoImagesAndABadOne();
		assertThrows(Arguments.UsageException.class, () -> run("--input", in.toString()));
		assertThrows(Arguments.UsageException.class, () -> run("--input", in.toString(), "--output", "o", "--threads", "0"));
		assertThrows(Arguments.UsageException.class, () -> run("--input", in.toString(), "--output", "o", "--cell-diameter", "-3"));
		assertThrows(Arguments.UsageException.class, () -> run("--input", in.toString(), "--output", "o", "--colour", "red"));
		assertEquals(1, run("--input", in.toString(), "--output", dir.resolve("o").toString(), "--model", "missing.zip"));
		assertTrue(err().contains("missing.zip") && err().contains("no such model file"), err());
		assertEquals(1, run("--input", dir.resolve("nothing").toString(), "--output", dir.resolve("o").toString()));
		assertTrue(err().contains("does not exist"), err());
	}

	@Test
	void registeredAsAVerb() {
		assertTrue(LeukoCnnCli.subcommands().containsKey("classify"));
		assertTrue(LeukoCnnCli.subcommands().containsKey("evaluate"));
	}
}
