package io.github.leukocnn.segment;

/**
 * Nucleus labels at input resolution, with a threshold adapted to each cell: the midpoint
 * between the mean nucleus feature (od_green - od_blue, same white as the working image) of the
 * cell's pixels above the global threshold and that of its pixels below it (the cytoplasm),
 * i.e. the half-contrast level of that cell's nucleus edge. The global threshold only separates
 * the two populations; the edge position then no longer depends on how dark the nucleus is.
 */
final class FullResolutionNuclei {

	static final double EDGE_LEVEL = 0.3;

	private FullResolutionNuclei() {}

	static void threshold(int[] argb, double[] white, float threshold, short[] cells, short[] nuclei, int count) {
		threshold(argb, white, threshold, cells, nuclei, count, 1, cells.length);
	}

	/** The per-pixel feature is computed on {@code threads} threads for large images (width = row length). */
	static void threshold(int[] argb, double[] white, float threshold, short[] cells, short[] nuclei, int count,
		int threads, int width)
	{
		float[] lr = new float[256], lg = new float[256], lb = new float[256];
		double wr = Math.log(white[0]), wg = Math.log(white[1]), wb = Math.log(white[2]);
		for (int v = 0; v < 256; v++) {
			double l = Math.log(Math.max(v, 1));
			lr[v] = (float) Math.max(0, wr - l);
			lg[v] = (float) Math.max(0, wg - l);
			lb[v] = (float) Math.max(0, wb - l);
		}
		double[] sumIn = new double[count + 1], sumOut = new double[count + 1];
		int[] nIn = new int[count + 1], nOut = new int[count + 1];
		float[] features = new float[cells.length];
		int rows = cells.length / width;
		RowRanges.forEach(rows, cells.length, threads, (from, to) -> {
			for (int i = from * width; i < to * width; i++) {
				int k = cells[i] & 0xffff;
				if (k != 0 && k <= count) features[i] = feature(lr, lg, lb, argb[i]);
			}
		});
		for (int i = 0; i < cells.length; i++) {
			int k = cells[i] & 0xffff;
			if (k == 0 || k > count) continue;
			float f = features[i];
			if (f > threshold) {
				sumIn[k] += f;
				nIn[k]++;
			}
			else {
				sumOut[k] += f;
				nOut[k]++;
			}
		}
		float[] t = new float[count + 1];
		for (int k = 1; k <= count; k++)
			t[k] = nIn[k] > 0 && nOut[k] > 0 ? (float) Math.min(threshold, sumOut[k] / nOut[k] + EDGE_LEVEL * (sumIn[k] / nIn[k] - sumOut[k] / nOut[k]))
				: threshold;
		for (int i = 0; i < cells.length; i++) {
			int k = cells[i] & 0xffff;
			if (k == 0 || k > count) continue;
			if (features[i] > t[k]) nuclei[i] = cells[i];
		}
	}

	/** The nucleus feature of {@link StainFeatures} for one packed RGB pixel. */
	private static float feature(float[] lr, float[] lg, float[] lb, int c) {
		return StainFeatures.nucleusFeature(lr[(c >> 16) & 0xff], lg[(c >> 8) & 0xff], lb[c & 0xff]);
	}
}
