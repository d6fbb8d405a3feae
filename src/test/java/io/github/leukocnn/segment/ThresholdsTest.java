package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import ij.process.AutoThresholder;

class ThresholdsTest {

	/** Background at 0.2, red cells at 1.0, and 0.3% specks at 16 (the text of a scale bar). */
	private static float[] densities() {
		float[] v = new float[10_000];
		for (int i = 0; i < v.length; i++)
			v[i] = i % 2 == 0 ? 0.2f + (i % 7) * 0.01f : 1.0f + (i % 5) * 0.02f;
		for (int i = 0; i < 30; i++)
			v[i * 300] = 16f;
		return v;
	}

	@Test
	void clippingKeepsAFewExtremeValuesFromTakingTheThreshold() {
		float[] v = densities();
		float plain = Thresholds.auto(v, null, AutoThresholder.Method.Otsu);
		float clipped = Thresholds.autoClipped(v, null, AutoThresholder.Method.Otsu, 0.995);
		assertTrue(plain > 1.1, "Otsu on the raw values separates the specks: " + plain);
		assertTrue(clipped >= 0.26f && clipped < 1.0, "clipped, it separates red cells (1.0-1.08) from background (0.20-0.26): " + clipped);
	}

	@Test
	void onlyMaskedValuesCount() {
		float[] v = densities();
		byte[] mask = new byte[v.length];
		for (int i = 0; i < v.length; i++)
			if (v[i] < 2) mask[i] = 1;
		float plain = Thresholds.auto(v, null, AutoThresholder.Method.Otsu);
		float masked = Thresholds.auto(v, mask, AutoThresholder.Method.Otsu);
		assertTrue(plain > 1.1, "unmasked, the specks take the threshold: " + plain);
		// the specks masked out, the threshold is where the background (0.20-0.26) and red cells (1.0-1.08) alone put it
		assertTrue(masked >= 0.26f && masked < 1.0, "masked: " + masked);
		float[] kept = new float[v.length];
		int k = 0;
		for (int i = 0; i < v.length; i++)
			if (mask[i] != 0) kept[k++] = v[i];
		assertEquals(Thresholds.auto(Arrays.copyOf(kept, k), null, AutoThresholder.Method.Otsu), masked,
			"as if the masked-out values were not in the image at all");
		float clipped = Thresholds.autoClipped(v, mask, AutoThresholder.Method.Otsu, 1.0);
		assertTrue(clipped >= 0.26f && clipped < 1.0, "masked and clipped: " + clipped);
		assertEquals(masked, clipped, "nothing to clip among the masked values");
	}
}
