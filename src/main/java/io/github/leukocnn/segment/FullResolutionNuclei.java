package io.github.leukocnn.segment;

/**
 * Nucleus labels at input resolution: pixels of a cell whose nucleus feature (od_green - od_blue,
 * same white as the working image) exceeds the threshold found at working scale. Sharper than
 * resampled working-scale nuclei, at the cost of one feature evaluation per cell pixel.
 */
final class FullResolutionNuclei {

	private FullResolutionNuclei() {}

	static void threshold(int[] argb, double[] white, float threshold, short[] cells, short[] nuclei) {
		float[] lg = new float[256], lb = new float[256];
		double wg = Math.log(white[1]), wb = Math.log(white[2]);
		for (int v = 0; v < 256; v++) {
			double l = Math.log(Math.max(v, 1));
			lg[v] = (float) Math.max(0, wg - l);
			lb[v] = (float) Math.max(0, wb - l);
		}
		for (int i = 0; i < cells.length; i++) {
			if (cells[i] == 0) continue;
			int c = argb[i];
			if (lg[(c >> 8) & 0xff] - lb[c & 0xff] > threshold) nuclei[i] = cells[i];
		}
	}
}
