package io.github.leukocnn.segment;

/**
 * Separable Gaussian smoothing of a float image in place, edges clamped. Single-threaded on
 * purpose: it runs on the small working-scale image, where ImageJ's multithreaded GaussianBlur
 * costs more in thread hand-over (and leaves pooled threads behind) than it saves.
 */
final class GaussianSmoothing {

	private GaussianSmoothing() {}

	static void smooth(float[] v, int w, int h, double sigma) {
		if (!(sigma > 0.3)) return;
		int r = Math.max(1, (int) Math.ceil(2.5 * sigma));
		float[] k = new float[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++)
			sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		float[] line = new float[Math.max(w, h) + 2 * r];
		for (int y = 0; y < h; y++) {
			int o = y * w;
			for (int x = -r; x < w + r; x++)
				line[x + r] = v[o + Math.max(0, Math.min(w - 1, x))];
			for (int x = 0; x < w; x++) {
				float s = 0;
				for (int j = 0; j < k.length; j++)
					s += k[j] * line[x + j];
				v[o + x] = s;
			}
		}
		for (int x = 0; x < w; x++) {
			for (int y = -r; y < h + r; y++)
				line[y + r] = v[Math.max(0, Math.min(h - 1, y)) * w + x];
			for (int y = 0; y < h; y++) {
				float s = 0;
				for (int j = 0; j < k.length; j++)
					s += k[j] * line[y + j];
				v[y * w + x] = s;
			}
		}
	}
}
