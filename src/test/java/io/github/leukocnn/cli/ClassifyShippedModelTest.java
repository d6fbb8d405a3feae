package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.report.ReportTables;
import io.github.leukocnn.testutil.ConsoleCapture;
import io.github.leukocnn.testutil.TestData;

/**
 * {@code classify} end to end with the shipped models and the real segmenter on real images:
 * the tables are complete and consistent, and a second run gives the same numbers. Skipped when
 * the model resources or the data are absent.
 */
class ClassifyShippedModelTest {

	@TempDir
	Path dir;

	private static void requireModel(String name) {
		assumeTrue(ClassifyShippedModelTest.class.getResource("/io/github/leukocnn/models/" + name + ".zip") != null,
			"shipped model '" + name + "' is not in this build: test skipped");
	}

	/** The first {@code n} images of each class folder of {@code set}, copied into {@code dir/name/class}. */
	private Path sample(Path set, String name, int n) throws IOException {
		Path target = dir.resolve(name);
		try (Stream<Path> classes = Files.list(set)) {
			for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
				Files.createDirectories(target.resolve(c.getFileName().toString()));
				try (Stream<Path> files = Files.list(c)) {
					for (Path f : files.sorted().limit(n).toList())
						Files.copy(f, target.resolve(c.getFileName().toString()).resolve(f.getFileName().toString()));
				}
			}
		}
		return target;
	}

	private static int run(List<String> args, StringBuilder log) {
		ConsoleCapture console = new ConsoleCapture();
		int code = console.cli(args);
		log.append(console.out()).append(console.err());
		return code;
	}

	@Test
	void screensAllTaleqaniFields() throws IOException {
		requireModel("all-screening");
		Path in = sample(TestData.require("all-taleqani"), "fields", 2);
		Path out = dir.resolve("out");
		StringBuilder log = new StringBuilder();
		List<String> args = new ArrayList<>(List.of("classify", "--input", in.toString(), "--output", out.toString(), "--recursive",
			"--threads", "2"));
		assertEquals(0, run(args, log), log.toString());
		CsvTable images = CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals(8, images.rowCount(), log.toString());
		List<String> pColumns = images.header().stream().filter(h -> h.startsWith("p_")).toList();
		assertTrue(pColumns.size() >= 2, images.header().toString());
		int withCells = 0;
		for (int r = 0; r < images.rowCount(); r++) {
			if (images.number(r, "cell_count") == 0) { // no leukocyte found: no call
				assertEquals("none", images.get(r, "call"));
				assertEquals("none", images.get(r, "leukaemia"));
				continue;
			}
			withCells++;
			double sum = 0;
			for (String p : pColumns)
				sum += images.number(r, p);
			assertEquals(1, sum, 1e-3, "field probabilities of " + images.get(r, "image"));
			assertTrue(pColumns.contains("p_" + images.get(r, "call")));
			assertTrue(List.of(ReportTables.POSITIVE, ReportTables.NEGATIVE).contains(images.get(r, "leukaemia")));
		}
		assertTrue(withCells >= 6, "leukocytes found in most ALL-Taleqani fields: " + withCells + " of 8");
		CsvTable cells = CsvTable.read(out.resolve(ClassifyBatch.CELLS_CSV));
		long total = 0;
		for (int r = 0; r < images.rowCount(); r++)
			total += (long) images.number(r, "cell_count");
		assertEquals(total, cells.rowCount());
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(8, files.filter(p -> p.getFileName().toString().endsWith(ClassifyBatch.PNG_SUFFIX)).count());
		}

		String first = Files.readString(out.resolve(ClassifyBatch.CELLS_CSV));
		args.add("--overwrite");
		assertEquals(0, run(args, log), log.toString());
		assertEquals(first, Files.readString(out.resolve(ClassifyBatch.CELLS_CSV)), "same images and model, same numbers");
	}

	@Test
	void aFieldOfRedCellsOnlyIsNotCalledLeukaemic() throws IOException {
		requireModel("all-screening");
		// pink plasma with pale red cells and no leukocyte: all-screening's prior alone is mostly leukaemic
		ij.process.ColorProcessor rbcOnly = new ij.process.ColorProcessor(640, 480);
		rbcOnly.setColor(new java.awt.Color(236, 220, 222));
		rbcOnly.fill();
		rbcOnly.setColor(new java.awt.Color(214, 160, 170));
		for (int i = 0; i < 30; i++)
			rbcOnly.fillOval(20 + (i % 6) * 100, 20 + (i / 6) * 90, 60, 60);
		Path in = Files.createDirectories(dir.resolve("rbc"));
		new ij.io.FileSaver(new ij.ImagePlus("rbc", rbcOnly)).saveAsPng(in.resolve("rbc-only.png").toString());
		Path out = dir.resolve("out");
		StringBuilder log = new StringBuilder();
		assertEquals(0, run(List.of("classify", "--input", in.toString(), "--output", out.toString()), log), log.toString());
		CsvTable images = CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals("0", images.get(0, "cell_count"), log.toString());
		assertEquals("none", images.get(0, "call"));
		assertEquals("none", images.get(0, "leukaemia"));
		assertEquals("none", CsvTable.read(out.resolve(ClassifyBatch.SLIDE_CSV)).get(0, "leukaemia"));
		assertTrue(log.toString().contains("rbc-only.png: no leukocytes found, no call"), log.toString());
		assertTrue(log.toString().contains("all images: no leukocytes found, no call"), log.toString());
	}

	@Test
	void typesSingleCellImages() throws IOException {
		requireModel("leukocyte-types");
		Path in = sample(TestData.require("pbc"), "cells", 1);
		Path out = dir.resolve("out");
		StringBuilder log = new StringBuilder();
		assertEquals(0, run(List.of("classify", "--input", in.toString(), "--output", out.toString(), "--recursive", "--single-cell"), log),
			log.toString());
		CsvTable images = CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals(8, images.rowCount());
		for (int r = 0; r < images.rowCount(); r++)
			assertEquals("1", images.get(r, "cell_count"));
	}

	@Test
	void evaluatesTheCellTypeModelWellAboveChance() throws IOException {
		requireModel("leukocyte-types");
		Path data = sample(TestData.require("pbc"), "cells", 6);
		Path out = dir.resolve("eval");
		StringBuilder log = new StringBuilder();
		assertEquals(0, run(List.of("evaluate", "--data", data.toString(), "--single-cell", "--split", "all", "--output", out.toString()),
			log), log.toString());
		CsvTable metrics = CsvTable.read(out.resolve("metrics.csv"));
		double accuracy = Double.NaN;
		for (int r = 0; r < metrics.rowCount(); r++)
			if (metrics.get(r, "metric").equals("accuracy")) accuracy = metrics.number(r, "value");
		// 8 classes: chance is 0.125; these are partly training images, so a working model is far above it
		assertTrue(accuracy > 0.5, "accuracy " + accuracy + "\n" + log);
		assertEquals(48, CsvTable.read(out.resolve("predictions.csv")).rowCount());
	}

	/*
	 * The deployment path (evaluate = classify's pipeline) must reproduce the held-out accuracy that
	 * training wrote into the model card: a gap means the saved model or its preprocessing differs
	 * from what was scored.
	 */
	@Test
	void cellTypeTestBlockAccuracyMatchesTheModelCard() throws IOException {
		assertTestBlockMatchesCard("leukocyte-types", "pbc", true, 0.02);
	}

	@Test
	void screeningTestBlockAccuracyMatchesTheModelCard() throws IOException {
		assertTestBlockMatchesCard("all-screening", "all-taleqani", false, 0.03);
	}

	private void assertTestBlockMatchesCard(String model, String set, boolean singleCell, double tolerance) throws IOException {
		requireModel(model);
		Path data = TestData.require(set);
		double cardAccuracy = cardMetric(model, "image_accuracy");
		Path out = dir.resolve("eval-" + model);
		StringBuilder log = new StringBuilder();
		List<String> args = new ArrayList<>(List.of("evaluate", "--model", model, "--data", data.toString(), "--split", "test",
			"--output", out.toString()));
		if (singleCell) args.add("--single-cell");
		assertEquals(0, run(args, log), log.toString());
		CsvTable metrics = CsvTable.read(out.resolve("metrics.csv"));
		double accuracy = Double.NaN;
		for (int r = 0; r < metrics.rowCount(); r++)
			if (metrics.get(r, "metric").equals("accuracy")) accuracy = metrics.number(r, "value");
		assertEquals(cardAccuracy, accuracy, tolerance, "evaluate vs the test-block accuracy in the card of " + model + "\n" + log);
	}

	/** A number from the "metrics" of a shipped model's card.json. */
	private static double cardMetric(String model, String key) throws IOException {
		try (var in = ClassifyShippedModelTest.class.getResourceAsStream("/io/github/leukocnn/models/" + model + ".zip");
			var zip = new java.util.zip.ZipInputStream(in))
		{
			for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry())
				if (e.getName().equals("card.json")) {
					String json = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
					var m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
					assumeTrue(m.find(), "card of " + model + " has no metric " + key + ": test skipped");
					return Double.parseDouble(m.group(1));
				}
		}
		throw new IOException(model + ".zip has no card.json");
	}
}
