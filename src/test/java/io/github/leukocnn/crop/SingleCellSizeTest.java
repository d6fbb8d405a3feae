package io.github.leukocnn.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.SmearSegmenter;
import io.github.leukocnn.synth.SmearSynthesizer;
import io.github.leukocnn.synth.SyntheticField;
import io.github.leukocnn.synth.TrueCell;

/** The single-cell diameter rules, on single-cell images cut from synthetic smears with known cells. */
class SingleCellSizeTest {

	/** A square of side 3 diameters centred on {@code cell}, as a PBC-style single-cell image. */
	private static ColorProcessor singleCell(SyntheticField f, TrueCell cell, int side) {
		ColorProcessor cp = f.rgb();
		cp.setRoi((int) Math.round(cell.centreX() - side / 2.0), (int) Math.round(cell.centreY() - side / 2.0), side, side);
		return (ColorProcessor) cp.crop();
	}

	private static TrueCell inner(SyntheticField f, double d) {
		for (TrueCell c : f.truth())
			if (!c.cutByBorder() && !c.touching() && c.centreX() > 1.6 * d && c.centreY() > 1.6 * d
				&& c.centreX() < f.width() - 1.6 * d && c.centreY() < f.height() - 1.6 * d) return c;
		throw new AssertionError("no free leukocyte away from the border in the synthetic field");
	}

	@Test
	void segmentedDiameterFollowsTheCellNotTheFraming() {
		double d = 60;
		SyntheticField f = SmearSynthesizer.generate(new SmearSynthesizer.Settings(900, 700, d, 5));
		TrueCell cell = inner(f, d);
		double truth = 2 * Math.sqrt(cell.area() / Math.PI);
		// framed tightly and loosely: the estimate stays the cell's size
		for (int side : new int[] { (int) (2.2 * d), (int) (3.2 * d) }) {
			ColorProcessor cp = singleCell(f, cell, side);
			double est = SingleCellSize.segmentedDiameter((int[]) cp.getPixels(), side, side, new SmearSegmenter());
			assertEquals(truth, est, 0.12 * truth, "frame " + side + " px: estimated " + est + ", true " + truth);
		}
		// twice the magnification: twice the diameter
		ColorProcessor cp = singleCell(f, cell, (int) (3 * d));
		cp.setInterpolationMethod(ColorProcessor.BILINEAR);
		ColorProcessor big = (ColorProcessor) cp.resize(cp.getWidth() * 2, cp.getHeight() * 2);
		double once = SingleCellSize.segmentedDiameter((int[]) cp.getPixels(), cp.getWidth(), cp.getHeight(), new SmearSegmenter());
		double twice = SingleCellSize.segmentedDiameter((int[]) big.getPixels(), big.getWidth(), big.getHeight(), new SmearSegmenter());
		assertEquals(2, twice / once, 0.15, "diameter at 1x " + once + ", at 2x " + twice);
	}

	@Test
	void imageWithoutCellFallsBackToTheStainEstimate() {
		int w = 120, h = 100;
		int[] px = new int[w * h];
		java.util.Arrays.fill(px, 0xffe6dcdc);
		double est = SingleCellSize.segmentedDiameter(px, w, h, new SmearSegmenter());
		assertEquals(SingleCellSize.estimateDiameter(px, w, h), est);
		assertTrue(est >= SingleCellSize.MIN_FRACTION * h && est <= SingleCellSize.MAX_FRACTION * h, "estimate " + est);
	}
}
