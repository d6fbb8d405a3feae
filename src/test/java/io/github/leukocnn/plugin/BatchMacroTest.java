package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.SizeRuleClassifier;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.testutil.ImageJFixture;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/** Runs macros/LeukoCNN_Batch.ijm with ImageJ 1's macro interpreter, headless, on a folder of files. */
class BatchMacroTest {

	/** The classifier the macro's runs get (Classifiers.PROPERTY), until the test ends. */
	private static void useClassifier(Class<?> classifier) {
		System.setProperty(Classifiers.PROPERTY, classifier.getName());
	}

	@AfterEach
	void noClassifierLeftSet() {
		System.clearProperty(Classifiers.PROPERTY);
	}

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);

	private static final Path MACRO = Path.of("macros", "LeukoCNN_Batch.ijm");

	private static String runBatch(Path in, Path out, String more) {
		return IJ.runMacroFile(MACRO.toAbsolutePath().toString(), "input=[" + in + "] output=[" + out + "] cell_diameter=0" + more);
	}

	@Test
	void analysesEveryImageAndKeepsGoingPastBadOnes(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("smears with space"));
		Path out = dir.resolve("results");
		new FileSaver(TestSmears.discs("a", 2, 24)).saveAsPng(in.resolve("a.png").toString());
		new FileSaver(TestSmears.discs("c", 3, 20)).saveAsTiff(in.resolve("c.tif").toString());
		new FileSaver(new ImagePlus("grey", new ByteProcessor(40, 40))).saveAsPng(in.resolve("b-grey.png").toString());
		Files.write(in.resolve("broken.jpg"), new byte[] { 1, 2, 3, 4, 5 });
		Files.writeString(in.resolve("notes.txt"), "not an image");

		String summary = runBatch(in, out, "");

		assertEquals("2 5 2", summary, "images done, leukocytes, failed");
		assertEquals(2 + 1, Files.readAllLines(out.resolve("a_cells.csv")).size(), "header + one row per cell");
		assertEquals(3 + 1, Files.readAllLines(out.resolve("c_cells.csv")).size());
		List<Roi> rois = RoiSets.read(out.resolve("c_RoiSet.zip"));
		assertEquals(3, rois.size());
		assertEquals("cell-0001", rois.get(0).getName());
		assertEquals(3, IJ.openImage(out.resolve("c_cells.tif").toString()).getStatistics().max, 0);
		assertFalse(Files.exists(out.resolve("b-grey_cells.csv")), "no results for a refused image");
		assertTrue(Files.readAllLines(out.resolve("a_cells.csv")).get(0).startsWith("cell_id,"));
		try (var files = Files.list(out)) {
			assertEquals(2 * 4, files.count(), "4 files per analysed image, no temporary files left behind");
		}
	}

	@Test
	void classifiesWithAModelAndWritesTheBatchTables(@TempDir Path dir) throws Exception {
		useClassifier(SizeRuleClassifier.class);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = dir.resolve("out");
		new FileSaver(TestSmears.discs("a", 2, 20)).saveAsPng(in.resolve("a.png").toString()); // ~314 px: benign
		new FileSaver(TestSmears.discs("b", 3, 34)).saveAsPng(in.resolve("b.png").toString()); // ~908 px: pre

		assertEquals("2 5 0", runBatch(in, out, " model=all-screening"));

		List<String> fields = Files.readAllLines(out.resolve("LeukoCNN_Fields.csv"));
		assertEquals(3, fields.size());
		assertTrue(fields.get(0).startsWith("image,cell_count,count_benign,count_pre,blast_percent"), fields.get(0));
		assertTrue(fields.get(1).startsWith("a.png,2,2,0,0,"), fields.get(1));
		assertTrue(fields.get(1).contains(",benign,negative,"), fields.get(1));
		assertTrue(fields.get(2).startsWith("b.png,3,0,3,100,"), fields.get(2));
		assertTrue(fields.get(2).contains(",pre,positive,"), fields.get(2));
		assertEquals(1 + 5, Files.readAllLines(out.resolve("LeukoCNN_Cells.csv")).size());
		assertEquals(3, RoiSets.read(out.resolve("b_RoiSet.zip")).size());
		List<Roi> classified = RoiSets.read(out.resolve("b_classified_RoiSet.zip"));
		assertEquals(3, classified.size());
		assertEquals("pre 0.90 #1", classified.get(0).getName());
		assertEquals("benign 0.80 #2", RoiSets.read(out.resolve("a_classified_RoiSet.zip")).get(1).getName());
	}

	@Test
	void neverReplacesResultsUnlessAsked(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = Files.createDirectories(dir.resolve("out"));
		new FileSaver(TestSmears.discs("a", 2, 24)).saveAsPng(in.resolve("a.png").toString());
		Files.writeString(out.resolve("a_cells.csv"), "precious");

		assertEquals("0 0 1", runBatch(in, out, ""));
		assertEquals("precious", Files.readString(out.resolve("a_cells.csv")));

		assertEquals("1 2 0", runBatch(in, out, " overwrite=true"));
		assertEquals(3, Files.readAllLines(out.resolve("a_cells.csv")).size());
	}

	/** Runs the batch macro and returns what it printed (headless, the Log goes to stdout); the summary is in {@code result[0]}. */
	private static String runBatchLogged(Path in, Path out, String more, String[] result) {
		PrintStream stdout = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			result[0] = runBatch(in, out, more);
		}
		finally {
			System.setOut(stdout);
		}
		String log = printed.toString(StandardCharsets.UTF_8);
		stdout.print(log);
		return log;
	}

	private static String[] names(Path folder) throws Exception {
		try (var files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
		}
	}

	@Test
	void imagesWithTheSameNameStemGetDistinctOutputsAsOnTheCommandLine(@TempDir Path dir) throws Exception {
		useClassifier(SizeRuleClassifier.class);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = dir.resolve("out");
		new FileSaver(TestSmears.discs("s", 2, 24)).saveAsPng(in.resolve("s.png").toString());
		new FileSaver(TestSmears.discs("s", 3, 20)).saveAsTiff(in.resolve("s.tif").toString());
		new FileSaver(TestSmears.discs("t", 1, 20)).saveAsPng(in.resolve("t.png").toString());

		assertEquals("3 6 0", runBatch(in, out, " model=all-screening"), "the second s is not refused for a file this run wrote");
		assertEquals(2 + 1, Files.readAllLines(out.resolve("s_png_cells.csv")).size(), "s.png's results under s_png");
		assertEquals(3 + 1, Files.readAllLines(out.resolve("s_tif_cells.csv")).size(), "s.tif's results under s_tif");
		assertEquals(1 + 1, Files.readAllLines(out.resolve("t_cells.csv")).size(), "a unique stem keeps its plain name");
		assertEquals(2, RoiSets.read(out.resolve("s_png_classified_RoiSet.zip")).size());
		assertEquals(3, RoiSets.read(out.resolve("s_tif_classified_RoiSet.zip")).size());
		assertFalse(Files.exists(out.resolve("s_cells.csv")));

		// replacing results: each image still has its own, none is replaced by its namesake's
		assertEquals("3 6 0", runBatch(in, out, " model=all-screening overwrite=true"));
		assertEquals(2 + 1, Files.readAllLines(out.resolve("s_png_cells.csv")).size());
		assertEquals(3 + 1, Files.readAllLines(out.resolve("s_tif_cells.csv")).size());
		assertEquals(3 * 5 + 2, names(out).length, "5 files per image and the two tables, nothing else");
	}

	@Test
	void stopsBeforeAnyWorkWhenABatchTableWouldBeReplaced(@TempDir Path dir) throws Exception {
		useClassifier(SizeRuleClassifier.class);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = Files.createDirectories(dir.resolve("out"));
		new FileSaver(TestSmears.discs("a", 2, 24)).saveAsPng(in.resolve("a.png").toString());
		Files.writeString(out.resolve("LeukoCNN_Fields.csv"), "precious");

		String[] result = new String[1];
		String log = runBatchLogged(in, out, " model=all-screening", result);

		assertTrue(log.contains("LeukoCNN_Fields.csv already exists"), log);
		assertTrue(log.contains("nothing was analysed"), log);
		assertEquals("precious", Files.readString(out.resolve("LeukoCNN_Fields.csv")));
		assertEquals(List.of("LeukoCNN_Fields.csv"), List.of(names(out)), "no image analysed, no table written");
		assertEquals(0, CellTables.get(CellTables.CELLS).size());

		// the same for a folder in the way of the cells table, even with overwrite
		Files.delete(out.resolve("LeukoCNN_Fields.csv"));
		Files.createDirectories(out.resolve("LeukoCNN_Cells.csv"));
		log = runBatchLogged(in, out, " model=all-screening overwrite=true", result);
		assertTrue(log.contains("LeukoCNN_Cells.csv is a folder"), log);
		assertEquals(List.of("LeukoCNN_Cells.csv"), List.of(names(out)));
	}

	@Test
	void aFailedImageLeavesNoRowsInTheBatchTables(@TempDir Path dir) throws Exception {
		useClassifier(SizeRuleClassifier.class);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = Files.createDirectories(dir.resolve("out"));
		new FileSaver(TestSmears.discs("a", 2, 20)).saveAsPng(in.resolve("a.png").toString());
		new FileSaver(TestSmears.discs("b", 3, 34)).saveAsPng(in.resolve("b.png").toString());
		Files.writeString(out.resolve("b_cells.csv"), "precious"); // so b fails

		String[] result = new String[1];
		String log = runBatchLogged(in, out, " model=all-screening", result);

		assertEquals("1 2 1", result[0]);
		assertTrue(log.matches("(?s).*\\bFAILED b\\.png: .*b_cells\\.csv already exists.*"), log);
		assertTrue(log.matches("(?s).*1 failed\\R+b\\.png: .*b_cells\\.csv already exists.*"), "listed after the summary: " + log);
		assertEquals("precious", Files.readString(out.resolve("b_cells.csv")));
		List<String> fields = Files.readAllLines(out.resolve("LeukoCNN_Fields.csv"));
		assertEquals(2, fields.size(), "header and a.png only: " + fields);
		assertTrue(fields.get(1).startsWith("a.png,"), fields.get(1));
		List<String> cells = Files.readAllLines(out.resolve("LeukoCNN_Cells.csv"));
		assertEquals(1 + 2, cells.size(), "a.png's two cells only: " + cells);
		assertTrue(cells.stream().skip(1).allMatch(line -> line.startsWith("a.png,")), cells.toString());
		assertEquals(2, CellTables.get(CellTables.CELLS).size(), "nor in the session's table");
		assertEquals(1, CellTables.get(CellTables.FIELDS).size());
	}

	/** Folder where {@link TableBlockingClassifier} puts a folder in the way of LeukoCNN_Cells.csv. */
	static volatile Path blockTablesIn;

	/** {@link SizeRuleClassifier} that, while classifying, makes LeukoCNN_Cells.csv unwritable (as another program could). */
	public static final class TableBlockingClassifier implements CellClassifier {
		private final SizeRuleClassifier rule = new SizeRuleClassifier();

		@Override
		public List<String> classes() {
			return rule.classes();
		}

		@Override
		public Set<String> positiveClasses() {
			return rule.positiveClasses();
		}

		@Override
		public float[][] classifyCells(RandomAccessibleInterval<ARGBType> rgb, Segmentation segmentation, ProgressListener progress) {
			try {
				Files.createDirectories(blockTablesIn.resolve("LeukoCNN_Cells.csv"));
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return rule.classifyCells(rgb, segmentation, progress);
		}

		@Override
		public float[] classifySingleCell(RandomAccessibleInterval<ARGBType> rgb) {
			return rule.classifySingleCell(rgb);
		}

		@Override
		public float[] aggregateField(float[][] cellProbabilities) {
			return rule.aggregateField(cellProbabilities);
		}
	}

	@Test
	void aBatchTableThatCannotBeSavedCountsAsFailed(@TempDir Path dir) throws Exception {
		useClassifier(TableBlockingClassifier.class);
		try {
			Path in = Files.createDirectories(dir.resolve("in"));
			Path out = Files.createDirectories(dir.resolve("out"));
			blockTablesIn = out;
			new FileSaver(TestSmears.discs("a", 2, 20)).saveAsPng(in.resolve("a.png").toString());

			String[] result = new String[1];
			String log = runBatchLogged(in, out, " model=all-screening overwrite=true", result);

			assertEquals("1 2 1", result[0], "a's results are saved, the cells table is not: one failure");
			assertTrue(log.contains("1 images analysed, 2 leukocytes, 1 failed"), log);
			assertTrue(log.contains("FAILED LeukoCNN_Cells.csv: "), log);
			assertTrue(log.matches("(?s).*1 failed\\R+LeukoCNN_Cells\\.csv: .*"), "listed after the summary: " + log);
			assertTrue(Files.exists(out.resolve("a_cells.csv")));
		}
		finally {
			blockTablesIn = null;
		}
	}

	@Test
	void keepsTheSessionsEarlierRowsAndSavesOnlyTheBatchs(@TempDir Path dir) throws Exception {
		useClassifier(SizeRuleClassifier.class);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = dir.resolve("out");
		new FileSaver(TestSmears.discs("a", 2, 20)).saveAsPng(in.resolve("a.png").toString());
		// a row of an image the user classified before the batch
		ResultsTable session = CellTables.get(CellTables.CELLS);
		session.addRow();
		session.addValue("image", "earlier.png");
		session.addValue("cell_id", 1);
		ResultsTable sessionFields = CellTables.get(CellTables.FIELDS);
		sessionFields.addRow();
		sessionFields.addValue("image", "earlier.png");

		assertEquals("1 2 0", runBatch(in, out, " model=all-screening"));

		ResultsTable cells = CellTables.get(CellTables.CELLS);
		assertEquals(1 + 2, cells.size(), "the earlier row and the batch's");
		assertEquals("earlier.png", cells.getStringValue("image", 0));
		assertEquals("a.png", cells.getStringValue("image", 1));
		assertEquals(1 + 1, CellTables.get(CellTables.FIELDS).size());
		assertEquals("earlier.png", CellTables.get(CellTables.FIELDS).getStringValue("image", 0));
		List<String> saved = Files.readAllLines(out.resolve("LeukoCNN_Cells.csv"));
		assertEquals(1 + 2, saved.size(), "the batch's file holds the batch's rows: " + saved);
		assertFalse(String.join("\n", saved).contains("earlier.png"));
		List<String> savedFields = Files.readAllLines(out.resolve("LeukoCNN_Fields.csv"));
		assertEquals(2, savedFields.size(), savedFields.toString());
		assertTrue(savedFields.get(1).startsWith("a.png,2,"), savedFields.get(1));
	}
}
