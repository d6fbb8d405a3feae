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
		float[] line = new float[Math.max(w, h)];
		float[] tmp = new float[Math.max(w, h)];
		for (int pass = 0; pass < 2; pass++) {
			for (int y = 0; y < h; y++) {
				System.arraycopy(v, y * w, line, 0, w);
				box(line, tmp, w, r);
				System.arraycopy(line, 0, v, y * w, w);
			}
			for (int x = 0; x < w; x++) {
				for (int y = 0; y < h; y++)
					line[y] = v[y * w + x];
				box(line, tmp, h, r);
				for (int y = 0; y < h; y++)
					v[y * w + x] = line[y];
			}
		}
	}

	/** Running mean of width 2r+1 over line[0..n), edges clamped; tmp is scratch. */
	private static void box(float[] line, float[] tmp, int n, int r) {
		System.arraycopy(line, 0, tmp, 0, n);
		float norm = 1f / (2 * r + 1);
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += tmp[Math.max(0, Math.min(n - 1, i))];
		for (int i = 0; i < n; i++) {
			line[i] = (float) (sum * norm);
			sum += tmp[Math.min(n - 1, i + r + 1)] - tmp[Math.max(0, i - r)];
		}
	}
}
