package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;

class DiameterEstimatorTest {

	private static ColorProcessor field(double scale) {
		SyntheticSmears s = new SyntheticSmears((int) (400 * scale), (int) (300 * scale));
		s.redCell(40 * scale, 40 * scale, 18 * scale).redCell(360 * scale, 50 * scale, 18 * scale)
			.redCell(50 * scale, 250 * scale, 18 * scale).redCell(340 * scale, 240 * scale, 18 * scale)
			.leukocyte(120 * scale, 120 * scale, 30 * scale, 20 * scale)
			.leukocyte(270 * scale, 170 * scale, 30 * scale, 20 * scale);
		return s.noisy(5, 11);
	}

	@Test
	void estimatesTheLeukocyteDiameterAtAnyScale() {
		for (double scale : new double[] { 0.6, 1, 2.5 }) {
			double d = DiameterEstimator.estimate(field(scale));
			assertEquals(60 * scale, d, 0.2 * 60 * scale, "diameter at scale " + scale);
		}
	}

	@Test
	void fallsBackWithoutNuclei() {
		ColorProcessor blank = new SyntheticSmears(100, 80).noisy(0, 1);
		assertEquals(DiameterEstimator.FALLBACK_DIAMETER, DiameterEstimator.estimate(blank));
	}

	/** A field of red cells of diameter 16 around two touching leukocytes of radius r each. */
	private static ColorProcessor redCellsAndTwoLeukocytes(double r) {
		SyntheticSmears s = new SyntheticSmears(400, 300);
		for (int y = 12; y < 300; y += 24)
			for (int x = 12 + (y / 24 % 2) * 12; x < 400; x += 24)
				if (Math.hypot(x - 200, y - 150) > 80) s.redCell(x, y, 8);
		s.leukocyte(200 - r, 150, r, 0.73 * r).leukocyte(200 + r, 150, r, 0.73 * r);
		return s.noisy(5, 11);
	}

	@Test
	void aFieldsEstimateIsCappedByItsRedCellsButNotASingleCellsOrAGivenDiameter() {
		ColorProcessor cp = redCellsAndTwoLeukocytes(30);
		double estimate = DiameterEstimator.estimate(cp), red = RedCellRuler.diameter(cp);
		assertTrue(red > 0, "the ruler measures the red cells");
		double cap = DiameterEstimator.MAX_LEUKOCYTE_PER_RED_CELL * red;
		assertTrue(estimate > cap, "leukocytes 3.75 times the red cells: estimate " + estimate + ", cap " + cap);
		SegmentationSettings field = SegmentationSettings.defaults();
		assertEquals(cap, DiameterEstimator.diameter(cp, field), 1e-9);
		assertEquals(estimate, DiameterEstimator.diameter(cp, field.withSingleCell()), 1e-9);
		assertEquals(33, DiameterEstimator.diameter(cp, field.withCellDiameter(33)), 1e-9);
		assertEquals(33, DiameterEstimator.diameter(cp, field.withSingleCell().withCellDiameter(33)), 1e-9);
	}

	@Test
	void theCapLeavesFieldsOfOrdinaryLeukocytesAlone() {
		ColorProcessor cp = redCellsAndTwoLeukocytes(18); // 36 px, 2.25 times the red cells
		double red = RedCellRuler.diameter(cp);
		assertEquals(16, red, 0.1 * 16, "the ruler reads the red cells drawn 16 px across");
		double diameter = DiameterEstimator.diameter(cp, SegmentationSettings.defaults());
		assertEquals(DiameterEstimator.estimate(cp), diameter, 1e-9);
		// the leukocytes are drawn 36 px across; tolerance -5 % to +20 %. The body disc times 1.18 (calibrated on
		// wbc-masks, where the largest disc inside a real cell is narrower than the cell) reads these round cells about
		// 12 % large (40.2 px); the nucleus bound alone (nucleus extent / 0.83) would read them 10 % small (32.5 px)
		assertTrue(diameter >= 0.95 * 36 && diameter <= 1.2 * 36, "diameter of the two leukocytes drawn 36 px across: " + diameter);
		assertTrue(diameter < DiameterEstimator.MAX_LEUKOCYTE_PER_RED_CELL * red, diameter + " is under the cap " + DiameterEstimator.MAX_LEUKOCYTE_PER_RED_CELL * red);
	}
}
