package io.github.leukocnn.segment;

import ij.process.AutoThresholder;

/** Automatic thresholds of float feature images, via ImageJ's {@link AutoThresholder} on a 256-bin histogram. */
final class Thresholds {

	private Thresholds() {}

	/**
	 * @param mask if not null, only pixels with mask != 0 count
	 * @return the threshold value: pixels above it are foreground
	 */
	static float auto(float[] values, byte[] mask, AutoThresholder.Method method) {
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (int i = 0; i < values.length; i++) {
			if (mask != null && mask[i] == 0) continue;
			float v = values[i];
			if (v < min) min = v;
			if (v > max) max = v;
		}
		if (!(max > min)) return max;
		int[] hist = new int[256];
		float scale = 255.999f / (max - min);
		for (int i = 0; i < values.length; i++) {
			if (mask != null && mask[i] == 0) continue;
			hist[(int) ((values[i] - min) * scale)]++;
		}
		int bin = new AutoThresholder().getThreshold(method, hist);
		return min + (bin + 1) / scale;
	}

	/**
	 * As {@link #auto} on the values clipped at their {@code clipPercentile} (among the masked pixels):
	 * a few extreme values, such as dark specks or the text of a scale bar, would otherwise take a
	 * threshold like Otsu's for themselves.
	 */
	static float autoClipped(float[] values, byte[] mask, AutoThresholder.Method method, double clipPercentile) {
		int k = 0;
		for (int i = 0; i < values.length; i++)
			if (mask == null || mask[i] != 0) k++;
		if (k == 0) return auto(values, mask, method);
		float[] v = new float[k];
		for (int i = 0, j = 0; i < values.length; i++)
			if (mask == null || mask[i] != 0) v[j++] = values[i];
		float top = NucleusGroups.select(v, Math.min(k - 1, (int) (clipPercentile * k)));
		float[] clipped = new float[values.length];
		for (int i = 0; i < values.length; i++)
			clipped[i] = Math.min(values[i], top);
		return auto(clipped, mask, method);
	}

	/**
	 * Upper threshold of a three-class Otsu (maximum between-class variance over both thresholds).
	 * Smear features often have three modes (background, red cells or cytoplasm, nuclei); the upper
	 * threshold isolates the rarest, most stained class even when it is small.
	 */
	static float upperOtsu3(float[] values, byte[] mask) {
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (int i = 0; i < values.length; i++) {
			if (mask != null && mask[i] == 0) continue;
			min = Math.min(min, values[i]);
			max = Math.max(max, values[i]);
		}
		if (!(max > min)) return max;
		int bins = 256;
		double[] hist = new double[bins];
		float scale = (bins - 0.001f) / (max - min);
		for (int i = 0; i < values.length; i++) {
			if (mask != null && mask[i] == 0) continue;
			hist[(int) ((values[i] - min) * scale)]++;
		}
		double[] p = new double[bins + 1], m = new double[bins + 1];
		for (int b = 0; b < bins; b++) {
			p[b + 1] = p[b] + hist[b];
			m[b + 1] = m[b] + b * hist[b];
		}
		double total = p[bins], mTotal = m[bins];
		double best = -1;
		int bestT2 = bins - 1;
		for (int t1 = 1; t1 < bins - 1; t1++) {
			double w0 = p[t1], m0 = m[t1];
			if (w0 == 0) continue;
			for (int t2 = t1 + 1; t2 < bins; t2++) {
				double w1 = p[t2] - w0, w2 = total - p[t2];
				if (w1 == 0 || w2 == 0) continue;
				double m1 = m[t2] - m0, m2 = mTotal - m[t2];
				double v = m0 * m0 / w0 + m1 * m1 / w1 + m2 * m2 / w2;
				if (v > best) {
					best = v;
					bestT2 = t2;
				}
			}
		}
		return min + bestT2 / scale;
	}
}
