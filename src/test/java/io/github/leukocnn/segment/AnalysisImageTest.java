package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.process.ColorProcessor;
import io.github.leukocnn.synth.SmearSynthesizer;

class AnalysisImageTest {

	private static ColorProcessor field(int w, int h) {
		return SmearSynthesizer.generate(new SmearSynthesizer.Settings(w, h, 40, 7)).rgb();
	}

	@Test
	void aLargeImageIsReducedOnceAndSharedWithTheRuler() {
		ColorProcessor cp = field(640, 480);
		AnalysisImage reduced = AnalysisImage.of(cp, false);
		assertEquals(400, reduced.width());
		assertEquals(400 / 640.0, reduced.scale, 1e-12);
		assertSame(reduced, reduced.enlarged(cp), "enlarging would not change a reduced image");
		assertArrayEquals((int[]) AnalysisImage.of(cp, true).image.getPixels(), (int[]) reduced.image.getPixels());
	}

	@Test
	void aSmallImageIsEnlargedForTheRulerOnly() {
		ColorProcessor cp = field(224, 224);
		AnalysisImage asIs = AnalysisImage.of(cp, false);
		assertEquals(224, asIs.width());
		assertEquals(1, asIs.scale);
		AnalysisImage enlarged = asIs.enlarged(cp);
		assertNotSame(asIs, enlarged);
		assertEquals(400, enlarged.width());
		assertEquals(400 / 224.0, enlarged.scale, 1e-12);
	}

	@Test
	void featuresAndNucleiAreComputedOnceAndLeftAsTheyAreByTheEstimateAndTheRuler() {
		ColorProcessor cp = field(500, 400);
		AnalysisImage a = AnalysisImage.of(cp, false);
		// computed beforehand from a copy of the pixels, by objects of its own the consumers never see
		int[] pixels = ((int[]) a.image.getPixels()).clone();
		StainFeatures before = StainFeatures.compute(pixels.clone(), a.width(), a.height(), 1);
		byte[] nucleusBefore = NucleusGroups.nucleusMask(before);
		assertSame(a.features(), a.features());
		assertSame(a.nucleus(), a.nucleus());
		// both consumers of one field read the shared features and mask, the estimate first as DiameterEstimator.diameter does
		double estimate = DiameterEstimator.estimateAtSize(a);
		assertSame(a, a.enlarged(cp), "the ruler shares this image");
		RedCellRuler.Measurement ruler = RedCellRuler.measure(a.enlarged(cp));
		assertTrue(estimate > 0 && ruler.diameter() > 0, "the field has leukocytes and red cells: " + estimate + ", " + ruler);
		assertArrayEquals(pixels, (int[]) a.image.getPixels(), "the image");
		assertArrayEquals(nucleusBefore, a.nucleus(), "the nucleus mask");
		assertArrayEquals(before.density, a.features().density, "the density feature");
		assertArrayEquals(before.nucleus, a.features().nucleus, "the nucleus feature");
		// and so each reads what it would read alone
		assertEquals(RedCellRuler.measure(AnalysisImage.of(cp, false)), ruler);
		assertEquals(DiameterEstimator.estimateAtSize(AnalysisImage.of(cp, false)), estimate);
	}
}
