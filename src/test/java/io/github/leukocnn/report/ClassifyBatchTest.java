package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.Roi;
import io.github.leukocnn.batch.BatchSetupException;
import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.testutil.AreaRuleClassifier;
import io.github.leukocnn.testutil.DarkBlobSegmenter;
import io.github.leukocnn.testutil.DiscFields;

class ClassifyBatchTest {

	@TempDir
	Path dir;

	/** Blast when the area exceeds 300 px: a disc of radius 12 (~450 px) is a blast, radius 6 (~113 px) is not. */
	static final AreaRuleClassifier CLASSIFIER = new AreaRuleClassifier(300);

	static Path field(Path folder, String name, int... radii) throws IOException {
		return DiscFields.write(folder, name, radii);
	}

	private ClassifyBatch.Result run(Path input, Path output, boolean overwrite, boolean singleCell, boolean recursive)
		throws BatchSetupException, IOException
	{
		return ClassifyBatch.run(DarkBlobSegmenter::new, CLASSIFIER,
			new ClassifyBatch.Options(input, output, 0, 2, recursive, overwrite, singleCell), ProgressListener.NONE, null, null);
	}

	@Test
	void tablesCountCellsPerImageAndForTheSlide() throws IOException, BatchSetupException {
		Path in = dir.resolve("in");
		field(in, "a.png", 12, 6, 6, 6); // 1 blast of 4
		field(in, "b.png", 12, 12); // 2 of 2
		field(in.resolve("sub"), "c.png"); // no cells
		Path out = dir.resolve("out");
		ClassifyBatch.Result r = run(in, out, false, false, true);
		assertEquals(0, r.summary().exitCode());
		assertEquals(3, r.fields().size());

		CsvTable images = CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals(ReportTables.imageHeader(CLASSIFIER.classes()), images.header());
		assertEquals(List.of("a.png", "b.png", "sub/c.png"), List.of(images.get(0, "image"), images.get(1, "image"), images.get(2, "image")));
		assertEquals("4", images.get(0, "cell_count"));
		assertEquals("3", images.get(0, "count_normal"));
		assertEquals("1", images.get(0, "count_blast"));
		assertEquals(25.0, images.number(0, "blast_percent"), 1e-9);
		assertEquals(100 * io.github.leukocnn.stats.Wilson.interval95(1, 4).low(), images.number(0, "blast_ci_low"), 1e-5);
		assertEquals("normal", images.get(0, "call")); // mean p(blast) = (≈1 + 3·≈0)/4
		assertEquals("negative", images.get(0, "leukaemia"));
		assertEquals("blast", images.get(1, "call"));
		assertEquals("positive", images.get(1, "leukaemia"));
		assertEquals("0", images.get(2, "cell_count"));
		assertEquals("NaN", images.get(2, "blast_percent"));
		assertEquals("none", images.get(2, "call"), "no leukocytes, no call (not the model's prior)");
		assertEquals("none", images.get(2, "leukaemia"));
		assertEquals("NaN", images.get(2, "p_blast"));

		CsvTable cells = CsvTable.read(out.resolve(ClassifyBatch.CELLS_CSV));
		assertEquals(ReportTables.cellHeader(CLASSIFIER.classes()), cells.header());
		assertEquals(6, cells.rowCount());
		assertEquals("blast", cells.get(0, "class"));
		assertTrue(cells.number(0, "area") > 400 && cells.number(0, "area") < 500, cells.get(0, "area"));
		assertEquals(cells.number(0, "p_blast"), CLASSIFIER.probabilities(cells.number(0, "area"))[1], 1e-6);

		CsvTable slide = CsvTable.read(out.resolve(ClassifyBatch.SLIDE_CSV));
		assertEquals(1, slide.rowCount());
		assertEquals("3", slide.get(0, "fields"));
		assertEquals("2", slide.get(0, "fields_with_cells"));
		assertEquals("6", slide.get(0, "cell_count"));
		assertEquals(50.0, slide.number(0, "blast_percent"), 1e-9);

		List<Roi> rois = RoiSets.read(out.resolve("a" + ClassifyBatch.ROI_SUFFIX));
		assertEquals(4, rois.size());
		assertTrue(rois.get(0).getName().matches("blast 0\\.\\d\\d|blast 1\\.00"), rois.get(0).getName());
		assertTrue(rois.get(1).getName().startsWith("normal "), rois.get(1).getName());
		// the three small discs have equal areas, hence equal names but for the "-id" that keeps them unique
		assertEquals(4, rois.stream().map(Roi::getName).distinct().count(), rois.toString());
		assertEquals("normal 1.00-3", rois.get(2).getName()); // p of its own class
		ImagePlus png = new ImagePlus(out.resolve("a" + ClassifyBatch.PNG_SUFFIX).toString());
		assertEquals(4 * 200, png.getWidth(), "small fields are enlarged for legible labels (at most 4x)");
	}

	@Test
	void singleCellModeClassifiesTheWholeImage() throws IOException, BatchSetupException {
		Path in = dir.resolve("pbc");
		field(in, "big.png", 30); // ~2800 dark px of 16000
		ClassifyBatch.Result r = run(in, dir.resolve("out"), false, true, false);
		assertEquals(0, r.summary().exitCode());
		CsvTable images = CsvTable.read(dir.resolve("out").resolve(ClassifyBatch.IMAGES_CSV));
		assertEquals("1", images.get(0, "cell_count"));
		CsvTable cells = CsvTable.read(dir.resolve("out").resolve(ClassifyBatch.CELLS_CSV));
		assertEquals("200", cells.get(0, "bbox_width"));
		assertEquals("", cells.get(0, "area"));
		assertEquals(1, RoiSets.read(dir.resolve("out").resolve("big" + ClassifyBatch.ROI_SUFFIX)).size());
	}

	@Test
	void badFileIsListedAndTheBatchGoesOn() throws IOException, BatchSetupException {
		Path in = dir.resolve("in");
		field(in, "a.png", 12);
		Files.writeString(in.resolve("broken.jpg"), "not a JPEG");
		Path out = dir.resolve("out");
		ClassifyBatch.Result r = run(in, out, false, false, false);
		assertEquals(1, r.summary().exitCode());
		assertEquals(1, r.summary().failures().size());
		assertTrue(r.summary().failures().get(0).file().endsWith("broken.jpg"));
		CsvTable failures = CsvTable.read(out.resolve("failures.csv"));
		assertEquals(1, failures.rowCount());
		assertTrue(failures.get(0, "file").endsWith("broken.jpg"));
		assertEquals(1, CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV)).rowCount());
		assertNotNull(r.slide());
	}

	@Test
	void existingResultsAreNotReplacedWithoutOverwrite() throws IOException, BatchSetupException {
		Path in = dir.resolve("in");
		field(in, "a.png", 12);
		Path out = dir.resolve("out");
		run(in, out, false, false, false);
		String before = Files.readString(out.resolve(ClassifyBatch.IMAGES_CSV));
		BatchSetupException e = assertThrows(BatchSetupException.class, () -> run(in, out, false, false, false));
		assertTrue(e.getMessage().contains("images.csv") || e.getMessage().contains("cells.csv"), e.getMessage());
		assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
		assertEquals(before, Files.readString(out.resolve(ClassifyBatch.IMAGES_CSV)));
		// Tables moved away, per-image results still there: that image fails, untouched.
		for (Path t : ClassifyBatch.tables(out))
			Files.delete(t);
		long roiTime = Files.getLastModifiedTime(out.resolve("a" + ClassifyBatch.ROI_SUFFIX)).toMillis();
		ClassifyBatch.Result r = run(in, out, false, false, false);
		assertEquals(1, r.summary().exitCode());
		assertTrue(r.summary().failures().get(0).message().contains("already exists"), r.summary().failures().get(0).message());
		assertEquals(roiTime, Files.getLastModifiedTime(out.resolve("a" + ClassifyBatch.ROI_SUFFIX)).toMillis());
		assertEquals(0, r.summary().succeeded());
		// With overwrite all is replaced.
		r = run(in, out, true, false, false);
		assertEquals(0, r.summary().exitCode());
		assertEquals(before, Files.readString(out.resolve(ClassifyBatch.IMAGES_CSV)), "same input, same table");
		try (var files = Files.list(out)) {
			assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")));
		}
	}

	@Test
	void withOverwriteAnImageThatNowFailsLeavesNoResultsOfAnEarlierRun() throws IOException, BatchSetupException {
		Path in = dir.resolve("in");
		field(in, "a.png", 12);
		field(in, "b.png", 12, 12);
		Path out = dir.resolve("out");
		assertEquals(0, run(in, out, false, false, false).summary().exitCode());
		assertTrue(Files.exists(out.resolve("b" + ClassifyBatch.PNG_SUFFIX)));
		Files.writeString(in.resolve("b.png"), "no longer an image");
		ClassifyBatch.Result r = run(in, out, true, false, false);
		assertEquals(1, r.summary().exitCode());
		assertEquals(1, CsvTable.read(out.resolve(ClassifyBatch.IMAGES_CSV)).rowCount(), "the tables list a only");
		assertFalse(Files.exists(out.resolve("b" + ClassifyBatch.PNG_SUFFIX)), "b's earlier outlines would contradict the tables");
		assertFalse(Files.exists(out.resolve("b" + ClassifyBatch.ROI_SUFFIX)));
		assertTrue(Files.exists(out.resolve("a" + ClassifyBatch.PNG_SUFFIX)));
		CsvTable failures = CsvTable.read(out.resolve(io.github.leukocnn.batch.BatchRunner.FAILURES_CSV));
		assertTrue(failures.get(0, "error").contains("its results of an earlier run were removed: b_classified_RoiSet.zip, b_classified.png"),
			failures.get(0, "error"));
	}
}
