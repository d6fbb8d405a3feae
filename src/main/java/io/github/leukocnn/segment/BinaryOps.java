package io.github.leukocnn.segment;

import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Binary morphology on byte masks (0 / non-zero) through ImageJ's exact Euclidean distance map. */
final class BinaryOps {

	private BinaryOps() {}

	/** Euclidean distance of every non-zero pixel to the nearest zero pixel (0 for zero pixels). */
	static float[] distanceInside(byte[] mask, int w, int h) {
		byte[] m = new byte[mask.length];
		for (int i = 0; i < m.length; i++)
			m[i] = mask[i] != 0 ? (byte) 255 : 0;
		FloatProcessor fp = new EDM().makeFloatEDM(new ByteProcessor(w, h, m), 0, false);
		return (float[]) fp.getPixels();
	}

	/** Euclidean distance of every pixel to the nearest non-zero pixel (0 on the mask). */
	static float[] distanceOutside(byte[] mask, int w, int h) {
		byte[] m = new byte[mask.length];
		boolean any = false;
		for (int i = 0; i < m.length; i++) {
			m[i] = mask[i] != 0 ? 0 : (byte) 255;
			any |= mask[i] != 0;
		}
		if (!any) {
			float[] inf = new float[mask.length];
			java.util.Arrays.fill(inf, Float.MAX_VALUE);
			return inf;
		}
		FloatProcessor fp = new EDM().makeFloatEDM(new ByteProcessor(w, h, m), 0, false);
		return (float[]) fp.getPixels();
	}

	static byte[] erode(byte[] mask, int w, int h, double r) {
		float[] d = distanceInside(mask, w, h);
		byte[] out = new byte[mask.length];
		for (int i = 0; i < out.length; i++)
			if (d[i] > r) out[i] = 1;
		return out;
	}

	static byte[] dilate(byte[] mask, int w, int h, double r) {
		float[] d = distanceOutside(mask, w, h);
		byte[] out = new byte[mask.length];
		for (int i = 0; i < out.length; i++)
			if (d[i] <= r) out[i] = 1;
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
		byte[] rows = new byte[m.length];
		for (int y = 0; y < h; y++) {
			int o = y * w;
			for (int x = 0; x < w; x++) {
				boolean c = m[o + x] != 0, l = x > 0 ? m[o + x - 1] != 0 : c, r = x < w - 1 ? m[o + x + 1] != 0 : c;
				if (erode ? c && l && r : c || l || r) rows[o + x] = 1;
			}
		}
		byte[] out = new byte[m.length];
		for (int y = 0; y < h; y++) {
			int o = y * w, up = y > 0 ? o - w : o, down = y < h - 1 ? o + w : o;
			for (int x = 0; x < w; x++) {
				boolean c = rows[o + x] != 0, u = rows[up + x] != 0, d = rows[down + x] != 0;
				if (erode ? c && u && d : c || u || d) out[o + x] = 1;
			}
		}
		return out;
	}

	static byte[] open(byte[] mask, int w, int h, double r) {
		return dilate(erode(mask, w, h, r), w, h, r);
	}

	static byte[] close(byte[] mask, int w, int h, double r) {
		return erode(dilate(mask, w, h, r), w, h, r);
	}

	/** Sets to 1 every zero pixel not 4-connected to the image border. */
	static void fillHoles(byte[] mask, int w, int h) {
		byte[] outside = new byte[mask.length];
		int[] queue = new int[mask.length];
		int head = 0, tail = 0;
		for (int x = 0; x < w; x++) {
			tail = seed(mask, outside, queue, tail, x);
			tail = seed(mask, outside, queue, tail, (h - 1) * w + x);
		}
		for (int y = 0; y < h; y++) {
			tail = seed(mask, outside, queue, tail, y * w);
			tail = seed(mask, outside, queue, tail, y * w + w - 1);
		}
		while (head < tail) {
			int p = queue[head++];
			int x = p % w, y = p / w;
			if (x > 0) tail = seed(mask, outside, queue, tail, p - 1);
			if (x < w - 1) tail = seed(mask, outside, queue, tail, p + 1);
			if (y > 0) tail = seed(mask, outside, queue, tail, p - w);
			if (y < h - 1) tail = seed(mask, outside, queue, tail, p + w);
		}
		for (int i = 0; i < mask.length; i++)
			if (outside[i] == 0) mask[i] = 1;
	}

	private static int seed(byte[] mask, byte[] outside, int[] queue, int tail, int p) {
		if (mask[p] == 0 && outside[p] == 0) {
			outside[p] = 1;
			queue[tail++] = p;
		}
		return tail;
	}
}
