package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MixupTest {
	private static final int BATCH = 16, PIXELS = 5, CLASSES = 4;

	/** Sample i: every pixel = i, one-hot target of class i % CLASSES. */
	private static float[][] batch() {
		return batch(CLASSES);
	}

	private static float[][] batch(int classes) {
		float[] xs = new float[BATCH * PIXELS], ys = new float[BATCH * classes];
		for (int i = 0; i < BATCH; i++) {
			java.util.Arrays.fill(xs, i * PIXELS, (i + 1) * PIXELS, i);
			ys[i * classes + i % classes] = 1;
		}
		return new float[][] { xs, ys };
	}

	@Test
	void eachSampleStaysMostlyItselfBlendedWithOnePartnerPixelsAndTargetsAlike() {
		float[][] b = batch();
		new Mixup(0.4, BATCH, PIXELS, CLASSES).apply(b[0], b[1], new SplittableRandom(3));
		int blended = 0;
		for (int i = 0; i < BATCH; i++) {
			float v = b[0][i * PIXELS];
			for (int p = 1; p < PIXELS; p++) assertEquals(v, b[0][i * PIXELS + p], 1e-5, "one weight for the whole crop");
			float sum = 0, own = b[1][i * CLASSES + i % CLASSES];
			for (int c = 0; c < CLASSES; c++) sum += b[1][i * CLASSES + c];
			assertEquals(1, sum, 1e-5, "targets stay a distribution");
			assertTrue(own >= 0.5 - 1e-6, "the sample's own class keeps the larger share, got " + own);
			// a partner of another class: own target = λ and pixel = λ·i + (1 − λ)·j, so j can be recovered
			if (own < 1 - 1e-6) {
				blended++;
				double j = (v - own * i) / (1 - own);
				assertEquals(Math.round(j), j, 1e-3, "the partner is a whole sample of the batch: " + j);
				assertEquals(1 - own, b[1][(int) (i * CLASSES + Math.round(j) % CLASSES)], 1e-5, "the partner's class gets the rest");
			}
		}
		assertTrue(blended >= BATCH / 2, "most samples are blended with another class: " + blended);
	}

	@Test
	void theSameStreamGivesTheSameBlendsAndAnotherStreamOthers() {
		float[][] a = batch(), b = batch(), c = batch();
		new Mixup(0.2, BATCH, PIXELS, CLASSES).apply(a[0], a[1], new SplittableRandom(9));
		new Mixup(0.2, BATCH, PIXELS, CLASSES).apply(b[0], b[1], new SplittableRandom(9));
		new Mixup(0.2, BATCH, PIXELS, CLASSES).apply(c[0], c[1], new SplittableRandom(10));
		assertArrayEquals(a[0], b[0]);
		assertArrayEquals(a[1], b[1]);
		assertNotEquals(java.util.Arrays.toString(a[0]), java.util.Arrays.toString(c[0]));
	}

	@Test
	void smallAlphaBlendsLightlyAndLargeAlphaNearlyHalfAndHalf() {
		assertTrue(meanOwnShare(0.1) > 0.9, "Beta(0.1, 0.1) puts most weight near 0 and 1: " + meanOwnShare(0.1));
		// E[max(λ, 1 − λ)] = 0.60 for Beta(8, 8); a sample paired with itself (1 in 16) keeps all of it
		assertTrue(meanOwnShare(8) < 0.66, "Beta(8, 8) is concentrated near one half: " + meanOwnShare(8));
		assertThrows(IllegalArgumentException.class, () -> new Mixup(0, BATCH, PIXELS, CLASSES));
	}

	/** The mean share of their own class that samples keep, each of a class of its own (so the share is λ). */
	private static double meanOwnShare(double alpha) {
		Mixup mixup = new Mixup(alpha, BATCH, PIXELS, BATCH);
		SplittableRandom rnd = new SplittableRandom(1);
		double sum = 0;
		int n = 0;
		for (int r = 0; r < 50; r++) {
			float[][] b = batch(BATCH);
			mixup.apply(b[0], b[1], rnd);
			for (int i = 0; i < BATCH; i++, n++) sum += b[1][i * BATCH + i];
		}
		return sum / n;
	}
}
