package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.SizeRuleClassifier;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.ij.RecordingSegmenter;

/** Runs macros/LeukoCNN_Batch.ijm with ImageJ 1's macro interpreter, headless, on a folder of files. */
class BatchMacroTest {

	private static final Path MACRO = Path.of("macros", "LeukoCNN_Batch.ijm");

	@BeforeAll
	static void install() throws Exception {
		HeadlessMenus.install();
		System.setProperty(Segmenters.PROPERTY, RecordingSegmenter.class.getName());
	}

	@AfterAll
	static void restore() {
		System.clearProperty(Segmenters.PROPERTY);
	}

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
		System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
		try {
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
		finally {
			System.clearProperty(Classifiers.PROPERTY);
		}
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
}
