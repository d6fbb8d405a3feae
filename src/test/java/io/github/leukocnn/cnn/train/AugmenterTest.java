package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Blur jitter: what it does to a crop, and that it leaves runs without it unchanged. */
class AugmenterTest {

	private static double variance(float[] d) {
		double m = 0, v = 0;
		for (float x : d) m += x;
		m /= d.length;
		for (float x : d) v += (x - m) * (x - m);
		return v / d.length;
	}

	@Test
	void blurKeepsFlatCropsAndSmoothsEdges() {
		int size = 16;
		float[] flat = new float[3 * size * size];
		java.util.Arrays.fill(flat, 0.4f);
		float[] blurred = flat.clone();
		Augmenter.blur(blurred, 0, size, 1.5);
		assertArrayEquals(flat, blurred, 1e-5f);

		float[] checker = new float[3 * size * size];
		for (int i = 0; i < checker.length; i++) checker[i] = ((i % size + (i / size) % size) % 2 == 0) ? 1 : 0;
		float[] b = checker.clone();
		Augmenter.blur(b, 0, size, 1.0);
		assertTrue(variance(b) < 0.1 * variance(checker), "checkerboard variance " + variance(checker) + " -> " + variance(b));
		double mean = 0;
		for (float x : b) mean += x;
		assertEquals(0.5, mean / b.length, 0.02);
		float[] tiny = checker.clone();
		Augmenter.blur(tiny, 0, size, 0.1);
		assertArrayEquals(checker, tiny, 0f);
	}

	@Test
	void withoutBlurTheAugmentedCropsAreUnchanged() {
		int ctx = 24, size = 16;
		int[] context = new int[ctx * ctx];
		SplittableRandom pixels = new SplittableRandom(1);
		for (int i = 0; i < context.length; i++) context[i] = 0xff000000 | pixels.nextInt(0x1000000);
		float[] a = new float[3 * size * size], b = new float[3 * size * size], c = new float[3 * size * size];
		Augmenter.DEFAULT.apply(context, ctx, size, new SplittableRandom(7), a, 0);
		Augmenter.DEFAULT.withBlur(0).apply(context, ctx, size, new SplittableRandom(7), b, 0);
		assertArrayEquals(a, b, 0f);
		// with blur jitter, some seeds blur: over a few seeds the crops get smoother on average
		double plain = 0, jittered = 0;
		for (int seed = 0; seed < 20; seed++) {
			Augmenter.DEFAULT.apply(context, ctx, size, new SplittableRandom(seed), a, 0);
			Augmenter.DEFAULT.withBlur(2).apply(context, ctx, size, new SplittableRandom(seed), c, 0);
			plain += variance(a);
			jittered += variance(c);
		}
		assertTrue(jittered < 0.9 * plain, "variance without blur " + plain + ", with blur jitter " + jittered);
	}
}
