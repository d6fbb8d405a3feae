package io.github.leukocnn.segment;

import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Binary morphology and distance maps on byte masks (0 / non-zero). */
final class BinaryOps {

	private BinaryOps() {}

	/** Euclidean distance of every non-zero pixel to the nearest zero pixel (0 for zero pixels). */
	static float[] distanceInside(byte[] mask, int w, int h) {
		float[] d = distanceTo(mask, w, h, false);
		if (d != null) return d;
		// no zero pixel at all: ImageJ's definition for that case
		byte[] m = new byte[mask.length];
		for (int i = 0; i < m.length; i++)
			m[i] = mask[i] != 0 ? (byte) 255 : 0;
		FloatProcessor fp = new EDM().makeFloatEDM(new ByteProcessor(w, h, m), 0, false);
		return (float[]) fp.getPixels();
	}

	/** Euclidean distance of every pixel to the nearest non-zero pixel (0 on the mask). */
	static float[] distanceOutside(byte[] mask, int w, int h) {
		float[] d = distanceTo(mask, w, h, true);
		if (d != null) return d;
		float[] inf = new float[mask.length];
		java.util.Arrays.fill(inf, Float.MAX_VALUE);
		return inf;
	}

	/**
	 * As {@link #distanceOutside} where that distance is at most {@code bound}; elsewhere some value
	 * larger than {@code bound}. The transform runs only on the bounding box of the mask grown by
	 * the bound: every pixel outside it is farther than the bound from the mask.
	 */
	static float[] distanceOutsideUpTo(byte[] mask, int w, int h, double bound) {
		int[] fg = foregroundBox(mask, w, h);
		if (fg == null) return distanceOutside(mask, w, h);
		int x0 = fg[0], y0 = fg[1], x1 = fg[2], y1 = fg[3];
		int margin = (int) Math.ceil(bound) + 1;
		x0 = Math.max(0, x0 - margin);
		y0 = Math.max(0, y0 - margin);
		x1 = Math.min(w - 1, x1 + margin);
		y1 = Math.min(h - 1, y1 + margin);
		int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
		if (bw == w && bh == h) return distanceOutside(mask, w, h);
		byte[] box = new byte[bw * bh];
		for (int y = 0; y < bh; y++)
			System.arraycopy(mask, (y0 + y) * w + x0, box, y * bw, bw);
		float[] near = distanceTo(box, bw, bh, true);
		float[] out = new float[w * h];
		java.util.Arrays.fill(out, Float.MAX_VALUE);
		for (int y = 0; y < bh; y++)
			System.arraycopy(near, y * bw, out, (y0 + y) * w + x0, bw);
		return out;
	}

	/**
	 * Exact Euclidean distance transform (Felzenszwalb &amp; Huttenlocher: squared distances down the
	 * columns, then the lower envelope of parabolas along the rows), linear time. Distance of every
	 * pixel to the nearest feature pixel (non-zero mask pixels if {@code toNonZero}, else zero
	 * pixels); outside the image is not a feature. ImageJ's EDM gives the same values at short range
	 * (it may overestimate by a fraction of a pixel at long range); this is exact and several times faster.
	 *
	 * @return null if the image holds no feature pixel
	 */
	static float[] distanceTo(byte[] mask, int w, int h, boolean toNonZero) {
		int n = w * h;
		final int inf = Integer.MAX_VALUE;
		// vertical distance to the nearest feature pixel in the column, row by row (cache friendly)
		int[] col = new int[n];
		boolean any = false;
		for (int i = 0; i < n; i++) {
			if ((mask[i] != 0) == toNonZero) {
				col[i] = 0;
				any = true;
			}
			else col[i] = i < w || col[i - w] == inf ? inf : col[i - w] + 1;
		}
		for (int i = n - w - 1; i >= 0; i--)
			if (col[i + w] != inf && col[i + w] + 1 < col[i]) col[i] = col[i + w] + 1;
		if (!any) return null;
		float[] out = new float[n];
		long[] f = new long[w];
		int[] v = new int[w];
		double[] z = new double[w + 1];
		for (int y = 0; y < h; y++) {
			int o = y * w, k = -1;
			for (int q = 0; q < w; q++) {
				int g = col[o + q];
				if (g == inf) continue;
				f[q] = (long) g * g;
				double s = Double.NEGATIVE_INFINITY;
				while (k >= 0) {
					int p = v[k];
					s = ((f[q] + (long) q * q) - (f[p] + (long) p * p)) / (2.0 * (q - p));
					if (s > z[k]) break;
					k--;
				}
				k++;
				v[k] = q;
				z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
				z[k + 1] = Double.POSITIVE_INFINITY;
			}
			if (k < 0) {
				for (int x = 0; x < w; x++)
					out[o + x] = Float.MAX_VALUE;
				continue;
			}
			int j = 0;
			for (int x = 0; x < w; x++) {
				while (z[j + 1] < x)
					j++;
				long dx = x - v[j];
				out[o + x] = (float) Math.sqrt((float) (dx * dx + f[v[j]]));
			}
		}
		return out;
	}

	/**
	 * Distance of every pixel to the nearest non-zero pixel where it is at most {@code bound}, the
	 * same value as {@link #distanceOutside}; {@link Float#MAX_VALUE} where it is larger. Cost
	 * proportional to the bound (one row of the disc at a time), so cheaper than a full transform
	 * when the bound is a few pixels.
	 */
	static float[] distanceOutsideWithin(byte[] mask, int w, int h, double bound) {
		int n = w * h, reach = (int) Math.floor(bound);
		int[] near = rowDistances(mask, w, h, true, 1 << 15);
		// rows without a mask pixel contribute nothing (their distances exceed every bound)
		boolean[] rowHasMask = new boolean[h];
		for (int y = 0; y < h; y++)
			for (int x = 0, o = y * w; x < w; x++)
				if (mask[o + x] != 0) {
					rowHasMask[y] = true;
					break;
				}
		float[] out = new float[n];
		int[] best = new int[w];
		double bound2 = bound * bound;
		for (int y = 0; y < h; y++) {
			java.util.Arrays.fill(best, Integer.MAX_VALUE);
			for (int dy = -reach; dy <= reach; dy++) {
				int yy = y + dy;
				if (yy < 0 || yy >= h || !rowHasMask[yy]) continue;
				int dy2 = dy * dy;
				for (int x = 0, s = yy * w; x < w; x++) {
					int d = near[s + x], d2 = dy2 + d * d;
					if (d2 < best[x]) best[x] = d2;
				}
			}
			for (int x = 0, o = y * w; x < w; x++)
				out[o + x] = best[x] <= bound2 ? (float) Math.sqrt((float) best[x]) : Float.MAX_VALUE;
		}
		return out;
	}

	/** Per row, the distance along the row to the nearest pixel with {@code (mask != 0) == target}, at most {@code far}. */
	private static int[] rowDistances(byte[] mask, int w, int h, boolean target, int far) {
		int[] near = new int[w * h];
		for (int y = 0; y < h; y++) {
			int o = y * w, last = -far;
			for (int x = 0; x < w; x++) {
				if ((mask[o + x] != 0) == target) last = x;
				near[o + x] = Math.min(far, x - last);
			}
			last = far + w;
			for (int x = w - 1; x >= 0; x--) {
				if ((mask[o + x] != 0) == target) last = x;
				if (last - x < near[o + x]) near[o + x] = last - x;
			}
		}
		return near;
	}

	/** Pixels farther than r from every zero pixel (erosion by a disc of radius r). */
	static byte[] erode(byte[] mask, int w, int h, double r) {
		if (isSquare3x3(r)) return extreme3x3(mask, w, h, true);
		if (r < SMALL_RADIUS) {
			byte[] near = withinDisc(mask, w, h, r, false);
			for (int i = 0; i < near.length; i++)
				near[i] ^= 1;
			return near;
		}
		float[] d = distanceInside(mask, w, h);
		byte[] out = new byte[mask.length];
		for (int i = 0; i < out.length; i++)
			if (d[i] > r) out[i] = 1;
		return out;
	}

	/** Pixels within r of a non-zero pixel (dilation by a disc of radius r). */
	static byte[] dilate(byte[] mask, int w, int h, double r) {
		if (isSquare3x3(r)) return extreme3x3(mask, w, h, false);
		if (r < SMALL_RADIUS) return withinDisc(mask, w, h, r, true);
		float[] d = distanceOutside(mask, w, h);
		byte[] out = new byte[mask.length];
		for (int i = 0; i < out.length; i++)
			if (d[i] <= r) out[i] = 1;
		return out;
	}

	/**
	 * Whether the pixels within distance r (as {@link #withinDisc} measures it) form the 3×3 square
	 * (√2 ≤ r &lt; 2): then erosion and dilation are the cheaper separable 3×3 ones, with the same
	 * result (outside the image counts as neither, as in {@link #withinDisc}).
	 */
	static boolean isSquare3x3(double r) {
		return r < 2 && (float) Math.sqrt(2f) <= r;
	}

	/** Below this radius, erosion and dilation scan the disc's rows instead of a distance map. */
	static final double SMALL_RADIUS = 4;

	/**
	 * 1 where a pixel with {@code (mask != 0) == target} lies within Euclidean distance r (the same
	 * float distance as the distance maps), 0 elsewhere: per row the distance to the nearest target
	 * pixel, then a check of each row of the disc.
	 */
	static byte[] withinDisc(byte[] mask, int w, int h, double r, boolean target) {
		int n = w * h, reach = (int) Math.floor(r);
		int[] half = new int[reach + 1];
		for (int dy = 0; dy <= reach; dy++) {
			half[dy] = -1;
			for (int dx = 0; dx <= reach; dx++)
				if ((float) Math.sqrt((float) (dx * dx + dy * dy)) <= r) half[dy] = dx;
		}
		// distance along the row to the nearest target pixel (capped)
		final int far = Integer.MAX_VALUE / 2;
		int[] near = new int[n];
		for (int y = 0; y < h; y++) {
			int o = y * w, last = -far;
			for (int x = 0; x < w; x++) {
				if ((mask[o + x] != 0) == target) last = x;
				near[o + x] = x - last;
			}
			last = far + w;
			for (int x = w - 1; x >= 0; x--) {
				if ((mask[o + x] != 0) == target) last = x;
				if (last - x < near[o + x]) near[o + x] = last - x;
			}
		}
		byte[] out = new byte[n];
		for (int y = 0; y < h; y++)
			for (int dy = -reach; dy <= reach; dy++) {
				int yy = y + dy, hw = half[Math.abs(dy)];
				if (yy < 0 || yy >= h || hw < 0) continue;
				for (int x = 0, o = y * w, s = yy * w; x < w; x++)
					if (near[s + x] <= hw) out[o + x] = 1;
			}
		return out;
	}

	/** Opening by the 3×3 square: removes one-pixel specks and spurs, without a distance map. */
	static byte[] open3x3(byte[] mask, int w, int h) {
		return extreme3x3(extreme3x3(mask, w, h, true), w, h, false);
	}

	/**
	 * 3×3 erosion (min) or dilation (max); outside the image counts as neither. Separable: a 1×3 pass
	 * along the rows, then a 3×1 pass down the columns (the same result as the 3×3 window).
	 */
	private static byte[] extreme3x3(byte[] m, int w, int h, boolean erode) {
		// 0/1 bytes combined with & (erode) or | (dilate): no branches on the (noisy) mask
		byte[] rows = new byte[m.length];
		for (int y = 0; y < h; y++) {
			int o = y * w;
			if (w == 1) {
				rows[o] = (byte) bit(m[o]);
				continue;
			}
			int last = o + w - 1;
			if (erode) {
				rows[o] = (byte) (bit(m[o]) & bit(m[o + 1]));
				for (int i = o + 1; i < last; i++)
					rows[i] = (byte) (bit(m[i - 1]) & bit(m[i]) & bit(m[i + 1]));
				rows[last] = (byte) (bit(m[last - 1]) & bit(m[last]));
			}
			else {
				rows[o] = (byte) (bit(m[o]) | bit(m[o + 1]));
				for (int i = o + 1; i < last; i++)
					rows[i] = (byte) (bit(m[i - 1]) | bit(m[i]) | bit(m[i + 1]));
				rows[last] = (byte) (bit(m[last - 1]) | bit(m[last]));
			}
		}
		byte[] out = new byte[m.length];
		for (int y = 0; y < h; y++) {
			int o = y * w, up = y > 0 ? o - w : o, down = y < h - 1 ? o + w : o;
			if (erode) for (int x = 0; x < w; x++)
				out[o + x] = (byte) (rows[up + x] & rows[o + x] & rows[down + x]);
			else for (int x = 0; x < w; x++)
				out[o + x] = (byte) (rows[up + x] | rows[o + x] | rows[down + x]);
		}
		return out;
	}

	/** 1 for a non-zero byte, 0 for zero, without a branch. */
	private static int bit(byte b) {
		return (b | -b) >>> 31;
	}

	static byte[] open(byte[] mask, int w, int h, double r) {
		return dilate(erode(mask, w, h, r), w, h, r);
	}

	/** Bounding box {x0, y0, x1, y1} (inclusive) of the non-zero pixels, or null if there are none. */
	static int[] foregroundBox(byte[] mask, int w, int h) {
		int x0 = w, x1 = -1, y0 = h, y1 = -1;
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++)
				if (mask[i] != 0) {
					if (x < x0) x0 = x;
					if (x > x1) x1 = x;
					if (y < y0) y0 = y;
					y1 = y;
				}
		return x1 < 0 ? null : new int[] { x0, y0, x1, y1 };
	}

	static byte[] close(byte[] mask, int w, int h, double r) {
		return erode(dilate(mask, w, h, r), w, h, r);
	}

	/**
	 * Sets to 1 every zero pixel not 4-connected to the image border. Only the bounding box of the
	 * non-zero pixels, grown by one pixel, is searched: every zero pixel outside that box lies in a
	 * zero row or column that reaches the border, and so does the box's frame.
	 */
	static void fillHoles(byte[] mask, int w, int h) {
		int[] fg = foregroundBox(mask, w, h);
		if (fg == null) return;
		int x0 = fg[0], y0 = fg[1], x1 = fg[2], y1 = fg[3];
		// the frame one pixel outside the foreground (clipped to the image) is outside; holes lie within it
		x0 = Math.max(0, x0 - 1);
		y0 = Math.max(0, y0 - 1);
		x1 = Math.min(w - 1, x1 + 1);
		y1 = Math.min(h - 1, y1 + 1);
		int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
		// per box pixel: 2 = foreground, 1 = background reached from the frame, 0 = not (yet) reached
		byte[] state = new byte[bw * bh];
		for (int y = 0, b = 0; y < bh; y++)
			for (int x = 0, i = (y0 + y) * w + x0; x < bw; x++, b++, i++)
				if (mask[i] != 0) state[b] = 2;
		int[] queue = new int[bw * bh];
		int head = 0, tail = 0;
		for (int x = 0; x < bw; x++) {
			tail = seed(state, queue, tail, x);
			tail = seed(state, queue, tail, (bh - 1) * bw + x);
		}
		for (int y = 0; y < bh; y++) {
			tail = seed(state, queue, tail, y * bw);
			tail = seed(state, queue, tail, y * bw + bw - 1);
		}
		while (head < tail) {
			int p = queue[head++];
			int y = p / bw, x = p - y * bw;
			if (x > 0) tail = seed(state, queue, tail, p - 1);
			if (x < bw - 1) tail = seed(state, queue, tail, p + 1);
			if (y > 0) tail = seed(state, queue, tail, p - bw);
			if (y < bh - 1) tail = seed(state, queue, tail, p + bw);
		}
		for (int y = 0, b = 0; y < bh; y++)
			for (int x = 0, i = (y0 + y) * w + x0; x < bw; x++, b++, i++)
				if (state[b] != 1) mask[i] = 1;
	}

	private static int seed(byte[] state, int[] queue, int tail, int p) {
		if (state[p] == 0) {
			state[p] = 1;
			queue[tail++] = p;
		}
		return tail;
	}
}
