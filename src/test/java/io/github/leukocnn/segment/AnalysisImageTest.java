package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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
	void featuresAndNucleiAreComputedOnceAndMatchAFreshComputation() {
		AnalysisImage a = AnalysisImage.of(field(500, 400), false);
		assertSame(a.features(), a.features());
		assertSame(a.nucleus(), a.nucleus());
		StainFeatures fresh = StainFeatures.compute((int[]) a.image.getPixels(), a.width(), a.height(), 1);
		assertArrayEquals(NucleusGroups.nucleusMask(fresh), a.nucleus());
	}
}
