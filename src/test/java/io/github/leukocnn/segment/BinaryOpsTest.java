package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;

class BinaryOpsTest {

	/** Random discs on a w×h mask: the kind of masks the segmenter measures distances on. */
	private static byte[] blobs(int w, int h, int count, long seed) {
		Random rnd = new Random(seed);
		byte[] m = new byte[w * h];
		for (int k = 0; k < count; k++) {
			double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h, r = 1 + rnd.nextDouble() * 12;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m[y * w + x] = 1;
		}
		return m;
	}

	private static float[] imageJ(byte[] mask, int w, int h, boolean inside) {
		byte[] m = new byte[mask.length];
		for (int i = 0; i < m.length; i++)
			m[i] = (mask[i] != 0) == inside ? (byte) 255 : 0;
		return (float[]) new EDM().makeFloatEDM(new ByteProcessor(w, h, m), 0, false).getPixels();
	}

	private static float brute(byte[] mask, int w, int h, int x, int y, boolean toNonZero) {
		long best = Long.MAX_VALUE;
		for (int yy = 0; yy < h; yy++)
			for (int xx = 0; xx < w; xx++)
				if ((mask[yy * w + xx] != 0) == toNonZero) best = Math.min(best, (long) (x - xx) * (x - xx) + (long) (y - yy) * (y - yy));
		return (float) Math.sqrt((float) best);
	}

	@Test
	void distanceTransformIsExact() {
		int w = 37, h = 29;
		for (long seed = 0; seed < 5; seed++) {
			byte[] m = blobs(w, h, 4, seed);
			float[] out = BinaryOps.distanceOutside(m, w, h), in = BinaryOps.distanceInside(m, w, h);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					assertEquals(brute(m, w, h, x, y, true), out[y * w + x], "outside " + x + "," + y);
					assertEquals(brute(m, w, h, x, y, false), in[y * w + x], "inside " + x + "," + y);
				}
		}
	}

	/**
	 * ImageJ's EDM (which the segmenter used before) propagates nearest points and is exact at short
	 * range; at longer range it can overestimate slightly. Ours equals it up to 12 px, never exceeds it.
	 */
	@Test
	void distanceTransformAgreesWithImageJsEdm() {
		int w = 211, h = 157;
		for (long seed = 0; seed < 20; seed++) {
			byte[] m = blobs(w, h, 5 + (int) seed * 3, seed);
			for (boolean inside : new boolean[] { false, true }) {
				float[] ij = imageJ(m, w, h, inside);
				float[] ours = inside ? BinaryOps.distanceInside(m, w, h) : BinaryOps.distanceOutside(m, w, h);
				for (int i = 0; i < ij.length; i++) {
					if (ij[i] <= 12) assertEquals(ij[i], ours[i], "seed " + seed + " pixel " + i);
					assertTrue(ours[i] <= ij[i], "seed " + seed + " pixel " + i);
				}
			}
		}
	}

	@Test
	void smallDiscMorphologyEqualsTheDistanceMaps() {
		int w = 61, h = 47;
		byte[] m = blobs(w, h, 10, 11);
		float[] in = BinaryOps.distanceInside(m, w, h), out = BinaryOps.distanceOutside(m, w, h);
		for (double r : new double[] { 0.5, 1, 1.41, 1.42, 1.5, 1.75, 1.99, 2, 2.2, 2.9, 3.3, 3.99 }) {
			byte[] eroded = BinaryOps.erode(m, w, h, r), dilated = BinaryOps.dilate(m, w, h, r);
			for (int i = 0; i < m.length; i++) {
				assertEquals(in[i] > r ? 1 : 0, eroded[i], "erode r=" + r + " pixel " + i);
				assertEquals(out[i] <= r ? 1 : 0, dilated[i], "dilate r=" + r + " pixel " + i);
			}
		}
	}

	@Test
	void boundedDistanceEqualsTheFullTransformWithinTheBound() {
		int w = 83, h = 67;
		byte[] m = blobs(w, h, 6, 5);
		float[] full = BinaryOps.distanceOutside(m, w, h);
		for (double bound : new double[] { 1, 3.5, 5.4, 9 }) {
			float[] near = BinaryOps.distanceOutsideWithin(m, w, h, bound);
			for (int i = 0; i < m.length; i++)
				assertEquals(full[i] <= bound ? full[i] : Float.MAX_VALUE, near[i], "bound " + bound + " pixel " + i);
		}
	}

	@Test
	void distanceUpToABoundIsExactThereAndLargerBeyond() {
		int w = 90, h = 70;
		byte[] m = new byte[w * h];
		for (int y = 30; y < 38; y++)
			for (int x = 40; x < 47; x++)
				m[y * w + x] = 1; // one small blob: the cropped transform covers part of the image
		m[31 * w + 60] = 1;
		for (byte[] mask : new byte[][] { m, blobs(w, h, 5, 9), new byte[w * h] }) {
			float[] full = BinaryOps.distanceOutside(mask, w, h);
			for (double bound : new double[] { 2, 5.5, 12 }) {
				float[] upTo = BinaryOps.distanceOutsideUpTo(mask, w, h, bound);
				for (int i = 0; i < mask.length; i++) {
					if (full[i] <= bound) assertEquals(full[i], upTo[i], "bound " + bound + " pixel " + i);
					else assertTrue(upTo[i] > bound, "bound " + bound + " pixel " + i);
				}
			}
		}
	}

	@Test
	void distanceWithoutFeaturePixels() {
		byte[] none = new byte[12];
		for (float d : BinaryOps.distanceOutside(none, 4, 3))
			assertEquals(Float.MAX_VALUE, d);
	}

	@Test
	void separableOpeningEqualsTheThreeByThreeWindow() {
		int w = 53, h = 41;
		byte[] m = blobs(w, h, 12, 7);
		Random rnd = new Random(3);
		for (int i = 0; i < m.length; i++)
			if (rnd.nextInt(10) == 0) m[i] ^= 1; // specks and holes
		byte[] opened = BinaryOps.open3x3(m, w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				// opening = union of the 3x3 windows (clipped) that lie wholly inside the mask
				boolean expected = false;
				for (int cy = y - 1; cy <= y + 1 && !expected; cy++)
					for (int cx = x - 1; cx <= x + 1 && !expected; cx++) {
						if (cx < 0 || cy < 0 || cx >= w || cy >= h) continue;
						boolean all = true;
						for (int yy = Math.max(0, cy - 1); yy <= Math.min(h - 1, cy + 1); yy++)
							for (int xx = Math.max(0, cx - 1); xx <= Math.min(w - 1, cx + 1); xx++)
								all &= m[yy * w + xx] != 0;
						expected = all;
					}
				assertEquals(expected ? 1 : 0, opened[y * w + x], x + "," + y);
			}
	}

	@Test
	void fillHolesFillsExactlyWhatTheBorderCannotReach() {
		int w = 57, h = 43;
		for (long seed = 1; seed <= 6; seed++) {
			byte[] m = blobs(w, h, (int) (3 * seed), seed);
			Random rnd = new Random(seed);
			for (int i = 0; i < m.length; i++)
				if (m[i] != 0 && rnd.nextInt(6) == 0) m[i] = 0; // holes
			if (seed == 6) m[0] = 1; // foreground at the image border
			byte[] filled = m.clone();
			BinaryOps.fillHoles(filled, w, h);
			// reference: 4-connected flood of the zero pixels from the whole image border
			boolean[] out = new boolean[m.length];
			java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && m[y * w + x] == 0) {
						out[y * w + x] = true;
						queue.add(y * w + x);
					}
			while (!queue.isEmpty()) {
				int p = queue.poll(), x = p % w, y = p / w;
				int[] nb = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (int q : nb)
					if (q >= 0 && m[q] == 0 && !out[q]) {
						out[q] = true;
						queue.add(q);
					}
			}
			for (int i = 0; i < m.length; i++)
				assertEquals(out[i] ? 0 : 1, filled[i], "seed " + seed + " pixel " + i);
		}
		byte[] empty = new byte[20];
		BinaryOps.fillHoles(empty, 5, 4);
		for (byte b : empty)
			assertEquals(0, b);
	}
}
