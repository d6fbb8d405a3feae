package io.github.leukocnn.segment;

/**
 * Brings working-scale labels back to the input size: each label's indicator is interpolated
 * bilinearly and a pixel takes the label whose interpolated indicator is largest and above 1/2,
 * giving smooth outlines instead of blocky nearest-neighbour ones.
 */
final class LabelResampler {

	private LabelResampler() {}

	static void upsample(int[] small, int w, int h, short[] out, int width, int height, int count) {
		upsample(small, w, h, out, width, height, count, 1);
	}

	/** Output rows are split over {@code threads} threads for large images; every pixel still sees the labels in order. */
	static void upsample(int[] small, int w, int h, short[] out, int width, int height, int count, int threads) {
		if (count == 0) return;
		int[] minX = new int[count + 1], minY = new int[count + 1], maxX = new int[count + 1], maxY = new int[count + 1];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minY, Integer.MAX_VALUE);
		java.util.Arrays.fill(maxX, -1);
		java.util.Arrays.fill(maxY, -1);
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = small[i];
				if (k == 0) continue;
				minX[k] = Math.min(minX[k], x);
				maxX[k] = Math.max(maxX[k], x);
				minY[k] = Math.min(minY[k], y);
				maxY[k] = Math.max(maxY[k], y);
			}
		double sx = w / (double) width, sy = h / (double) height;
		// source coordinates of every output column and row (the same for every label)
		int[] xa = new int[width], xb = new int[width], ya = new int[height], yb = new int[height];
		double[] fxs = new double[width], fys = new double[height];
		for (int X = 0; X < width; X++) {
			double xs = Math.max(0, Math.min(w - 1, (X + 0.5) * sx - 0.5));
			xa[X] = (int) xs;
			xb[X] = Math.min(w - 1, xa[X] + 1);
			fxs[X] = xs - xa[X];
		}
		for (int Y = 0; Y < height; Y++) {
			double ys = Math.max(0, Math.min(h - 1, (Y + 0.5) * sy - 0.5));
			ya[Y] = (int) ys;
			yb[Y] = Math.min(h - 1, ya[Y] + 1);
			fys[Y] = ys - ya[Y];
		}
		float[] best = new float[width * height];
		RowRanges.forEach(height, (long) width * height, threads, (from, to) -> {
			for (int k = 1; k <= count; k++) {
				if (maxX[k] < 0) continue;
				int x0 = Math.max(0, (int) Math.floor((minX[k] - 1 + 0.5) / sx - 0.5));
				int x1 = Math.min(width - 1, (int) Math.ceil((maxX[k] + 1 + 0.5) / sx - 0.5));
				int y0 = Math.max(from, (int) Math.floor((minY[k] - 1 + 0.5) / sy - 0.5));
				int y1 = Math.min(to - 1, (int) Math.ceil((maxY[k] + 1 + 0.5) / sy - 0.5));
				for (int Y = y0; Y <= y1; Y++) {
					int rowA = ya[Y] * w, rowB = yb[Y] * w;
					double fy = fys[Y];
					for (int X = x0; X <= x1; X++) {
						int a = rowA + xa[X], b = rowA + xb[X], c = rowB + xa[X], e = rowB + xb[X];
						// none of the four neighbours is k: the interpolated indicator is exactly 0
						if (small[a] != k && small[b] != k && small[c] != k && small[e] != k) continue;
						double fx = fxs[X];
						double v = (1 - fy) * ((1 - fx) * is(small, a, k) + fx * is(small, b, k)) +
							fy * ((1 - fx) * is(small, c, k) + fx * is(small, e, k));
						int p = Y * width + X;
						if (v >= 0.5 && v > best[p]) {
							best[p] = (float) v;
							out[p] = (short) k;
						}
					}
				}
			}
		});
	}

	private static double is(int[] labels, int i, int k) {
		return labels[i] == k ? 1 : 0;
	}
}
