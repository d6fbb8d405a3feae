package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Blur, optical-density jitter and cutout: what they do to a crop, and that they leave runs without them unchanged. */
class AugmenterTest {

	private static double variance(float[] d) {
		double m = 0, v = 0;
		for (float x : d) m += x;
		m /= d.length;
		for (float x : d) v += (x - m) * (x - m);
		return v / d.length;
	}

	/** A square context crop of random opaque colours. */
	private static int[] randomContext(int side, long seed) {
		int[] context = new int[side * side];
		SplittableRandom pixels = new SplittableRandom(seed);
		for (int i = 0; i < context.length; i++) context[i] = 0xff000000 | pixels.nextInt(0x1000000);
		return context;
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
		int[] context = randomContext(ctx, 1);
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

	@Test
	void cutOutFillsTheClippedSquareWithTheCropsMeanColour() {
		int size = 8, plane = size * size;
		float[] d = new float[3 * plane];
		for (int i = 0; i < d.length; i++) d[i] = (i % 7) / 7f + (i / plane) * 0.1f;
		float[] cut = d.clone();
		Augmenter.cutOut(cut, 0, size, 5, -2, 4); // columns 5..7 (clipped at 8), rows 0..1 (clipped at 0)
		for (int c = 0; c < 3; c++) {
			double mean = 0;
			for (int i = 0; i < plane; i++) mean += d[c * plane + i];
			mean /= plane;
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					int i = c * plane + y * size + x;
					if (x >= 5 && y <= 1) assertEquals(mean, cut[i], 1e-6, "inside the square, plane " + c);
					else assertEquals(d[i], cut[i], 0f, "outside the square");
				}
		}
	}

	@Test
	void cutoutHidesPartOfHalfTheCropsAndLeavesRunsWithoutItUnchanged() {
		int ctx = 24, size = 16;
		int[] context = randomContext(ctx, 2);
		float[] a = new float[3 * size * size], b = new float[3 * size * size];
		Augmenter.DEFAULT.apply(context, ctx, size, new SplittableRandom(5), a, 0);
		Augmenter.DEFAULT.withCutout(0).apply(context, ctx, size, new SplittableRandom(5), b, 0);
		assertArrayEquals(a, b, 0f);
		int changed = 0;
		for (int seed = 0; seed < 100; seed++) {
			Augmenter.DEFAULT.apply(context, ctx, size, new SplittableRandom(seed), a, 0);
			Augmenter.DEFAULT.withCutout(0.4).apply(context, ctx, size, new SplittableRandom(seed), b, 0);
			int same = 0;
			for (int i = 0; i < a.length; i++) if (a[i] == b[i]) same++;
			if (same < a.length) {
				changed++;
				// at most a 6×6 square (0.4 of 16, rounded) of each plane changes
				assertTrue(a.length - same <= 3 * 6 * 6, (a.length - same) + " values changed");
			}
		}
		assertTrue(changed > 35 && changed < 65, changed + " of 100 crops got a cutout, expected about half");
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Augmenter.DEFAULT.withCutout(0.9));
	}

	@Test
	void densityScalingFollowsBeerLambert() {
		int plane = 4;
		float[] d = { 1f, 0.5f, 0.25f, 0f, 1f, 0.5f, 0.25f, 0.1f, 1f, 0.9f, 0.8f, 0.7f };
		float[] s = d.clone();
		Augmenter.scaleDensities(s, 0, plane, new double[] { 2, 0.5, 1 });
		// white stays white; density doubled = value squared, halved = square root; factor 1 changes nothing
		assertEquals(1f, s[0], 0f);
		assertEquals(0.25f, s[1], 1e-6f);
		assertEquals(0.0625f, s[2], 1e-6f);
		assertEquals(1 / (255.0 * 255.0), s[3], 1e-7, "black is taken as the darkest 8-bit value");
		assertEquals(Math.sqrt(0.5), s[5], 1e-6);
		assertEquals(Math.sqrt(0.1), s[7], 1e-6);
		assertArrayEquals(new float[] { 1f, 0.9f, 0.8f, 0.7f }, java.util.Arrays.copyOfRange(s, 8, 12), 0f);
	}

	@Test
	void densityJitterVariesStainStrengthAndIsOffByDefault() {
		int ctx = 24, size = 16;
		int[] context = new int[ctx * ctx];
		// a grey crop (optical density 0.7 in every channel) with a white frame
		for (int y = 0; y < ctx; y++)
			for (int x = 0; x < ctx; x++)
				context[y * ctx + x] = x > 3 && x < 20 && y > 3 && y < 20 ? 0xff808080 : 0xffffffff;
		float[] a = new float[3 * size * size], b = new float[3 * size * size];
		Augmenter.WIDE_STAIN.apply(context, ctx, size, new SplittableRandom(3), a, 0);
		Augmenter.WIDE_STAIN.withDensityRange(1).apply(context, ctx, size, new SplittableRandom(3), b, 0);
		assertArrayEquals(a, b, 0f);
		// geometry and colour jitter off: the centre pixel's darkness spans the density range
		Augmenter densityOnly = Augmenter.NONE.withDensityRange(2.5).withBlur(0);
		double lightest = 0, darkest = 1;
		for (int seed = 0; seed < 200; seed++) {
			densityOnly.apply(context, ctx, size, new SplittableRandom(seed), a, 0);
			float centre = a[size / 2 * size + size / 2];
			lightest = Math.max(lightest, centre);
			darkest = Math.min(darkest, centre);
		}
		double od = -Math.log(128 / 255.0);
		assertTrue(lightest > Math.exp(-od / 2.0), "lightest " + lightest);
		assertTrue(darkest < Math.exp(-od * 2.0), "darkest " + darkest);
		assertTrue(lightest <= Math.exp(-od / (2.5 * 1.2)) + 1e-3 && darkest >= Math.exp(-od * 2.5 * 1.2) - 1e-3,
			lightest + " " + darkest);
	}

	/** A square context crop whose channels are uniform noise in [low, low + 40) of their own. */
	private static int[] noiseContext(int side, long seed, int lowR, int lowG, int lowB) {
		int[] context = new int[side * side];
		SplittableRandom pixels = new SplittableRandom(seed);
		for (int i = 0; i < context.length; i++)
			context[i] = 0xff000000 | (lowR + pixels.nextInt(40)) << 16 | (lowG + pixels.nextInt(40)) << 8 | (lowB + pixels.nextInt(40));
		return context;
	}

	@Test
	void colourTransferGivesACropTheChannelStatisticsOfTheDonor() {
		int plane = 64;
		float[] crop = new float[3 * plane];
		for (int i = 0; i < crop.length; i++) crop[i] = 0.3f + 0.2f * ((i * 7) % 11) / 10f;
		double[] from = new double[6];
		for (int k = 0; k < 3; k++) {
			double m = 0, v = 0;
			for (int i = 0; i < plane; i++) m += crop[k * plane + i];
			m /= plane;
			for (int i = 0; i < plane; i++) v += Math.pow(crop[k * plane + i] - m, 2);
			from[k] = m;
			from[k + 3] = Math.sqrt(v / plane);
		}
		double[] to = { 0.7, 0.5, 0.6, 0.02, 0.05, 0.08 };
		Augmenter.transferColour(crop, 0, plane, from, to);
		for (int k = 0; k < 3; k++) {
			float[] channel = java.util.Arrays.copyOfRange(crop, k * plane, (k + 1) * plane);
			double m = 0;
			for (float x : channel) m += x;
			assertEquals(to[k], m / plane, 1e-5, "mean of channel " + k);
			assertEquals(to[k + 3] * to[k + 3], variance(channel), 1e-5, "variance of channel " + k);
		}
		int[] donor = noiseContext(8, 1, 200, 60, 90);
		double[] stats = Augmenter.channelStatistics(donor);
		assertEquals((200 + 19.5) / 255, stats[0], 0.02);
		assertEquals((60 + 19.5) / 255, stats[1], 0.02);
		assertEquals(40 / Math.sqrt(12) / 255, stats[3], 0.01, "SD of uniform noise 40 wide");
	}

	@Test
	void colourTransferTakesADonorsColoursForTheChosenShareAndLeavesRunsWithoutItUnchanged() {
		int ctx = 24, size = 16;
		int[] reddish = noiseContext(ctx, 2, 180, 100, 100), bluish = noiseContext(ctx, 3, 90, 100, 190);
		float[] a = new float[3 * size * size], b = new float[3 * size * size];
		Augmenter.WIDE_STAIN.apply(reddish, ctx, size, new SplittableRandom(5), a, 0);
		Augmenter.WIDE_STAIN.withColourTransfer(0.5).apply(reddish, ctx, size, new SplittableRandom(5), b, 0, java.util.List.of());
		assertArrayEquals(a, b, 0f, "no donors: the crop as without colour transfer");
		Augmenter.WIDE_STAIN.withColourTransfer(0).apply(reddish, ctx, size, new SplittableRandom(5), b, 0, java.util.List.of(Augmenter.channelStatistics(bluish)));
		assertArrayEquals(a, b, 0f, "colour transfer off: the crop and the random sequence as before");
		// geometry only plus the transfer: about half the crops turn from red to blue
		Augmenter transferOnly = Augmenter.NONE.withColourTransfer(0.5);
		int turned = 0;
		for (int seed = 0; seed < 100; seed++) {
			transferOnly.apply(reddish, ctx, size, new SplittableRandom(seed), a, 0, java.util.List.of(Augmenter.channelStatistics(bluish)));
			double red = 0, blue = 0;
			for (int i = 0; i < size * size; i++) {
				red += a[i];
				blue += a[2 * size * size + i];
			}
			red /= size * size;
			blue /= size * size;
			if (blue > red) {
				turned++;
				assertEquals((90 + 19.5) / 255, red, 0.03, "red mean of a turned crop");
				assertEquals((190 + 19.5) / 255, blue, 0.03, "blue mean of a turned crop");
			}
			else assertEquals((180 + 19.5) / 255, red, 0.03, "red mean of a crop left alone");
		}
		assertTrue(turned > 35 && turned < 65, turned + " of 100 crops took the donor's colours, expected about half");
		assertThrows(IllegalArgumentException.class, () -> Augmenter.DEFAULT.withColourTransfer(1.5));
	}
}
