package io.github.leukocnn.segment.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.SmearSegmenter;
import io.github.leukocnn.testutil.TestData;

/**
 * The quality bars on a deterministic fifth of the real data (every 5th image), diameter estimated
 * per image. Thresholds sit a little under the full-set numbers in docs/segmentation.md.
 */
class SegmentationDataTest {

	private static final SegmentationSettings ESTIMATE = new SegmentationSettings(0, 1, null);

	@Test
	void wbcMasksDice() throws Exception {
		Path dir = TestData.require("wbc-masks");
		WbcMasksEvaluation.Result r = WbcMasksEvaluation.evaluate(dir, 5, new SmearSegmenter(), ESTIMATE, 2);
		assertEquals(60, r.images());
		assertTrue(r.meanCellDice() >= 0.94, "whole-cell Dice " + r.meanCellDice());
		assertTrue(r.meanNucleusDice() >= 0.89, "nucleus Dice " + r.meanNucleusDice());
	}

	@Test
	void bccdDetection() throws Exception {
		Path dir = TestData.require("bccd");
		BccdEvaluation.Result r = BccdEvaluation.evaluate(dir, 5, new SmearSegmenter(), ESTIMATE, 2);
		assertEquals(73, r.images());
		assertTrue(r.counts().f1() >= 0.94, "F1 " + r.counts().f1() + " " + r.counts());
	}

	private static BoxMatching.Counts bccdField(Path dir, String name) throws Exception {
		ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(dir.resolve("images").resolve(name + ".jpg"));
		Segmentation s = new SmearSegmenter().segment(RgbImages.wrap(cp), ESTIMATE);
		List<VocBoxes.Box> detected = s.measurements().stream().map(c -> new VocBoxes.Box(c.bboxX(), c.bboxY(),
			c.bboxX() + c.bboxWidth() - 1, c.bboxY() + c.bboxHeight() - 1)).toList();
		return BoxMatching.match(detected, VocBoxes.read(dir.resolve("annotations").resolve(name + ".xml"), "WBC"),
			BccdEvaluation.MIN_IOU);
	}

	/** Two touching leukocytes whose nuclei nearly touch are two cells (they were merged by lobe grouping). */
	@Test
	void bccdTouchingLeukocytesAreSplit() throws Exception {
		Path dir = TestData.require("bccd");
		for (String name : List.of("BloodImage_00034", "BloodImage_00313"))
			assertEquals(new BoxMatching.Counts(2, 0, 0), bccdField(dir, name), name);
	}

	/** Giant platelets beside a lymphocyte (annotated as Platelets) are not leukocytes. */
	@Test
	void bccdGiantPlateletsAreNotLeukocytes() throws Exception {
		Path dir = TestData.require("bccd");
		for (String name : List.of("BloodImage_00148", "BloodImage_00233", "BloodImage_00254"))
			assertEquals(new BoxMatching.Counts(1, 0, 0), bccdField(dir, name), name);
	}

	/** wbc-masks 190: a neutrophil with three widely separated lobes, each too small to be a nucleus. */
	@Test
	void wbcMasksWidelySeparatedLobesFormOneCell() throws Exception {
		Path dir = TestData.require("wbc-masks");
		ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(dir.resolve("images/190.bmp"));
		int[] size = new int[2];
		int[] mask = MaskImages.readGrey(dir.resolve("masks/190.png"), size);
		Segmentation s = new SmearSegmenter().segment(RgbImages.wrap(cp), ESTIMATE);
		assertEquals(1, s.cellCount());
		short[] cells = s.cellPixels();
		boolean[] predicted = new boolean[mask.length], truth = new boolean[mask.length];
		for (int i = 0; i < mask.length; i++) {
			predicted[i] = cells[i] != 0;
			truth[i] = mask[i] > 0;
		}
		double dice = Dice.of(predicted, truth);
		assertTrue(dice > 0.9, "whole-cell Dice " + dice);
	}

	@Test
	void pbcCentralCellIsFound() throws Exception {
		Path dir = TestData.require("pbc");
		int found = 0, total = 0;
		for (String type : List.of("neutrophil", "lymphocyte", "monocyte", "eosinophil")) {
			List<Path> files;
			try (Stream<Path> s = Files.list(dir.resolve(type))) {
				files = s.sorted().toList();
			}
			for (int i = 0; i < files.size(); i += 30) {
				ColorProcessor cp = io.github.leukocnn.io.SmearImages.openRgb(files.get(i));
				Segmentation seg = new SmearSegmenter().segment(RgbImages.wrap(cp), ESTIMATE);
				total++;
				int cx = cp.getWidth() / 2, cy = cp.getHeight() / 2;
				for (CellMeasurements m : seg.measurements())
					if (Math.hypot(m.centroidX() - cx, m.centroidY() - cy) < 0.25 * cp.getWidth()) {
						found++;
						break;
					}
			}
		}
		assertTrue(found >= 0.95 * total, "central cell found in " + found + " of " + total);
	}
}
