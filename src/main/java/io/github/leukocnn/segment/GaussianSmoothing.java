package io.github.leukocnn.segment;

/**
 * Approximately Gaussian smoothing of a float image in place: two passes of a running-sum box
 * filter per axis (edges clamped), whose variance matches σ². Constant cost per pixel whatever σ,
 * and single-threaded on purpose: it runs on the small working-scale image.
 */
final class GaussianSmoothing {

	private GaussianSmoothing() {}

	static void smooth(float[] v, int w, int h, double sigma) {
		if (!(sigma > 0.3)) return;
		// two boxes of width 2r+1 have variance ((2r+1)^2 - 1) / 6
		int r = Math.max(1, (int) Math.round((Math.sqrt(6 * sigma * sigma + 1) - 1) / 2));
		float[] tmp = new float[w];
		float[] other = new float[v.length];
		double[] sums = new double[w];
		// rows in place, columns into the other array and back: the result ends in v
		for (int y = 0; y < h; y++)
			box(v, y * w, tmp, w, r);
		boxColumns(v, other, sums, w, h, r);
		for (int y = 0; y < h; y++)
			box(other, y * w, tmp, w, r);
		boxColumns(other, v, sums, w, h, r);
	}

	/**
	 * Running mean of width 2r+1 over v[o..o+n), in place, edges clamped; tmp is scratch. The loop is
	 * split where the window leaves the row, so that the middle part needs no clamping (same sums).
	 */
	private static void box(float[] v, int o, float[] tmp, int n, int r) {
		System.arraycopy(v, o, tmp, 0, n);
		float norm = 1f / (2 * r + 1);
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += tmp[Math.max(0, Math.min(n - 1, i))];
		int left = Math.min(n, r), right = Math.max(left, n - r - 1);
		int i = 0;
		for (; i < left; i++) {
			v[o + i] = (float) (sum * norm);
			sum += tmp[Math.min(n - 1, i + r + 1)] - tmp[Math.max(0, i - r)];
		}
		for (; i < right; i++) {
			v[o + i] = (float) (sum * norm);
			sum += tmp[i + r + 1] - tmp[i - r];
		}
		for (; i < n; i++) {
			v[o + i] = (float) (sum * norm);
			sum += tmp[Math.min(n - 1, i + r + 1)] - tmp[Math.max(0, i - r)];
		}
	}

	/**
	 * {@link #box} down every column, computed row by row (cache friendly) with one running sum per
	 * column; the same operations in the same order per column, hence the same result. Reads
	 * {@code src}, writes {@code v}.
	 */
	private static void boxColumns(float[] src, float[] v, double[] sums, int w, int h, int r) {
		float norm = 1f / (2 * r + 1);
		java.util.Arrays.fill(sums, 0);
		for (int i = -r; i <= r; i++) {
			int o = Math.max(0, Math.min(h - 1, i)) * w;
			for (int x = 0; x < w; x++)
				sums[x] += src[o + x];
		}
		for (int i = 0; i < h; i++) {
			int out = i * w, add = Math.min(h - 1, i + r + 1) * w, sub = Math.max(0, i - r) * w;
			for (int x = 0; x < w; x++) {
				v[out + x] = (float) (sums[x] * norm);
				sums[x] += src[add + x] - src[sub + x];
			}
		}
	}
}
