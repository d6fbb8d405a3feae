package io.github.leukocnn.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.RedCellRuler;
import io.github.leukocnn.synth.SmearSynthesizer;

class FieldCropScaleTest {

	private static final ColorProcessor FIELD = SmearSynthesizer.generate(new SmearSynthesizer.Settings(640, 480, 48, 3)).rgb();

	private static double crop(String rule, double segmentationDiameter) {
		return FieldCropScale.cropDiameter(rule, (int[]) FIELD.getPixels(), FIELD.getWidth(), FIELD.getHeight(), segmentationDiameter);
	}

	@Test
	void segmentationRuleTakesTheSegmentationsDiameter() {
		assertEquals(48, crop(FieldCropScale.SEGMENTATION, 48));
		assertEquals(70, crop(FieldCropScale.SEGMENTATION, 70));
	}

	@Test
	void redCellRuleScalesTheRedCellsAndIgnoresTheLeukocyteEstimate() {
		double red = RedCellRuler.diameter(FIELD);
		assertTrue(red > 0, "the synthetic field has red cells");
		// a per-field leukocyte estimate inflated by a cluster (or deflated) does not move the crops
		for (double segmentation : new double[] { 40, 48, 75 })
			assertEquals(FieldCropScale.LEUKOCYTE_PER_RED_CELL * red, crop(FieldCropScale.RED_CELLS, segmentation), 1e-9);
		assertEquals(0.66 * 48, red, 0.12 * 0.66 * 48, "the synthesiser's red cells are 0.66 of its leukocyte diameter");
	}

	@Test
	void redCellRuleFallsBackWhenTheRulerDisagreesOrCannotMeasure() {
		double red = RedCellRuler.diameter(FIELD);
		double tooLarge = red * FieldCropScale.MAX_RATIO * 1.5, tooSmall = red * FieldCropScale.MIN_RATIO * 0.8;
		assertEquals(tooLarge, crop(FieldCropScale.RED_CELLS, tooLarge));
		assertEquals(tooSmall, crop(FieldCropScale.RED_CELLS, tooSmall));
		int[] blank = new int[200 * 200];
		java.util.Arrays.fill(blank, 0xffe8e4e0);
		assertEquals(55, FieldCropScale.cropDiameter(FieldCropScale.RED_CELLS, blank, 200, 200, 55));
	}

	@Test
	void unknownRuleNamesTheKnownOnes() {
		String msg = assertThrows(IllegalArgumentException.class, () -> FieldCropScale.checkRule("white-cells")).getMessage();
		assertEquals("field-scale must be one of segmentation, red-cells, got 'white-cells'", msg);
	}
}
