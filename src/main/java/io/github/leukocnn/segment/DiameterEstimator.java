package io.github.leukocnn.segment;

import java.util.Arrays;

import ij.process.ColorProcessor;

/**
 * Estimates the leukocyte diameter of a smear image from the extent of its leukocyte nuclei, found
 * without any size assumption: the nucleus feature (see {@link StainFeatures}) thresholded by Otsu
 * on the whole image. Components are grouped into one nucleus when their gap is below
 * {@link #LOBE_GAP_PER_LOBE_SIZE} times the square root of the largest component's area (so the
 * lobes of a neutrophil form one group at any magnification); groups with less than
 * {@link #MIN_GROUP_FRACTION} of the largest group's area (platelets, debris) do not vote. The
 * median extent (mean of bounding-box width and height) of the groups, divided by
 * {@link #NUCLEUS_EXTENT_PER_DIAMETER}, is the leukocyte diameter: across leukocyte types the
 * nucleus (or the span of its lobes) covers about that fraction of the cell.
 * <p>
 * Large images are analysed at a reduced size ({@link #ANALYSIS_SIZE} px on the longer side), so
 * the cost does not grow with the camera resolution.
 */
public final class DiameterEstimator {

	/** Nucleus extent / cell diameter, calibrated on wbc-masks (mask extents) and BCCD. */
	public static final double NUCLEUS_EXTENT_PER_DIAMETER = 0.75;
	/** Lobes closer than this times sqrt(largest lobe area) are one nucleus. */
	public static final double LOBE_GAP_PER_LOBE_SIZE = 0.5;
	/** Nucleus groups smaller than this fraction of the largest do not vote. */
	public static final double MIN_GROUP_FRACTION = 0.3;
	/** Longer side of the image the estimate is computed on. */
	public static final int ANALYSIS_SIZE = 400;
	/** Used when the image holds no nucleus (e.g. red cells only, or blank). */
	public static final double FALLBACK_DIAMETER = 40;

	private DiameterEstimator() {}

	/** @return the expected leukocyte diameter in pixels of {@code cp} */
	public static double estimate(ColorProcessor cp) {
		int w = cp.getWidth(), h = cp.getHeight();
		double scale = Math.min(1, ANALYSIS_SIZE / (double) Math.max(w, h));
		ColorProcessor small = cp;
		if (scale < 1) {
			cp.setInterpolationMethod(ColorProcessor.BILINEAR);
			small = (ColorProcessor) cp.resize(Math.max(1, (int) Math.round(w * scale)),
				Math.max(1, (int) Math.round(h * scale)), true);
			scale = small.getWidth() / (double) w;
		}
		double extent = nucleusExtent(small);
		if (!(extent > 0)) return FALLBACK_DIAMETER;
		return extent / NUCLEUS_EXTENT_PER_DIAMETER / scale;
	}

	/** Median extent of the nucleus groups in pixels of {@code cp}; NaN if there are none. */
	static double nucleusExtent(ColorProcessor cp) {
		int w = cp.getWidth(), h = cp.getHeight(), n = w * h;
		if (w < 8 || h < 8) return Double.NaN;
		StainFeatures f = StainFeatures.compute((int[]) cp.getPixels(), w, h, 1);
		float t = NucleusGroups.nucleusThreshold(f);
		byte[] mask = new byte[n];
		for (int i = 0; i < n; i++)
			if (f.nucleus[i] > t) mask[i] = 1;
		mask = BinaryOps.open(mask, w, h, 1);
		int[] count = new int[1];
		int[] comps = Labels.components(mask, w, h, count);
		int[] area = new int[count[0] + 1];
		for (int c : comps)
			area[c]++;
		int largest = 0;
		for (int c = 1; c <= count[0]; c++)
			largest = Math.max(largest, area[c]);
		if (largest < 4) return Double.NaN;
		for (int i = 0; i < n; i++)
			if (comps[i] != 0 && area[comps[i]] < 0.05 * largest) mask[i] = 0;
		byte[] grown = BinaryOps.dilate(mask, w, h, LOBE_GAP_PER_LOBE_SIZE * Math.sqrt(largest) / 2);
		int[] groups = Labels.components(grown, w, h, count);
		int m = count[0];
		int[] gArea = new int[m + 1], minX = new int[m + 1], minY = new int[m + 1], maxX = new int[m + 1],
			maxY = new int[m + 1];
		Arrays.fill(minX, Integer.MAX_VALUE);
		Arrays.fill(minY, Integer.MAX_VALUE);
		for (int i = 0; i < n; i++) {
			if (mask[i] == 0) continue;
			int g = groups[i], x = i % w, y = i / w;
			gArea[g]++;
			minX[g] = Math.min(minX[g], x);
			maxX[g] = Math.max(maxX[g], x);
			minY[g] = Math.min(minY[g], y);
			maxY[g] = Math.max(maxY[g], y);
		}
		int biggest = 0;
		for (int g = 1; g <= m; g++)
			biggest = Math.max(biggest, gArea[g]);
		double[] extents = new double[m];
		int k = 0;
		for (int g = 1; g <= m; g++)
			if (gArea[g] > 0 && gArea[g] >= MIN_GROUP_FRACTION * biggest)
				extents[k++] = (maxX[g] - minX[g] + maxY[g] - minY[g] + 2) / 2.0;
		if (k == 0) return Double.NaN;
		extents = Arrays.copyOf(extents, k);
		Arrays.sort(extents);
		return k % 2 == 1 ? extents[k / 2] : (extents[k / 2 - 1] + extents[k / 2]) / 2;
	}
}
