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
}
