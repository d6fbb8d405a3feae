package io.github.leukocnn.segment;

import java.util.Arrays;

import ij.plugin.filter.MaximumFinder;
import ij.process.AutoThresholder;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

/**
 * Estimates the leukocyte diameter of a smear image from the size of its red cells, which are
 * present in every field and vary far less than leukocytes do (~7.5 µm). Stained matter (total
 * optical density above its Otsu threshold, holes filled so that pale red-cell centres count) is
 * turned into a Euclidean distance map; each regional maximum is the inscribed radius of one cell
 * (touching red cells give one maximum each). The median maximum is the typical red-cell radius,
 * and a leukocyte is {@link #LEUKOCYTE_PER_RED_CELL} red-cell diameters across.
 * <p>
 * Large images are analysed at a reduced size ({@link #ANALYSIS_SIZE} px on the longer side), so
 * the cost does not grow with the camera resolution.
 */
public final class DiameterEstimator {

	/** Leukocyte diameter / red cell diameter, calibrated on wbc-masks and BCCD. */
	public static final double LEUKOCYTE_PER_RED_CELL = 1.75;
	/** Longer side of the image the estimate is computed on. */
	public static final int ANALYSIS_SIZE = 400;
	/** Used when the image holds no measurable cells (e.g. blank). */
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
		double r = redCellRadius(small);
		if (!(r > 0)) return FALLBACK_DIAMETER;
		return 2 * r * LEUKOCYTE_PER_RED_CELL / scale;
	}

	/** Median inscribed radius of the stained blobs, in pixels of {@code cp}; NaN if none. */
	static double redCellRadius(ColorProcessor cp) {
		int w = cp.getWidth(), h = cp.getHeight();
		if (w < 8 || h < 8) return Double.NaN;
		StainFeatures f = StainFeatures.compute((int[]) cp.getPixels(), w, h, 1);
		float t = Thresholds.auto(f.density, null, AutoThresholder.Method.Otsu);
		byte[] fg = new byte[w * h];
		int count = 0;
		for (int i = 0; i < fg.length; i++)
			if (f.density[i] > t) {
				fg[i] = 1;
				count++;
			}
		if (count < 16 || count == fg.length) return Double.NaN;
		BinaryOps.fillHoles(fg, w, h);
		fg = BinaryOps.open(fg, w, h, 1.5);
		float[] edm = BinaryOps.distanceInside(fg, w, h);
		FloatProcessor fp = new FloatProcessor(w, h, edm);
		java.awt.Polygon maxima = new MaximumFinder().getMaxima(fp, 1.0, true);
		if (maxima.npoints == 0) return Double.NaN;
		float[] v = new float[maxima.npoints];
		int n = 0;
		for (int i = 0; i < maxima.npoints; i++) {
			float d = edm[maxima.ypoints[i] * w + maxima.xpoints[i]];
			if (d >= 2) v[n++] = d;
		}
		if (n == 0) return Double.NaN;
		v = Arrays.copyOf(v, n);
		Arrays.sort(v);
		return v[n / 2];
	}

}
