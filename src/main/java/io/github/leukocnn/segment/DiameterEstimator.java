package io.github.leukocnn.segment;

import java.util.Arrays;

import ij.process.AutoThresholder;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Estimates the leukocyte diameter of a smear image without any size assumption, from its nuclei:
 * <ol>
 * <li>Nuclei: the nucleus feature (see {@link StainFeatures}) above its Otsu threshold on the whole
 * image. Components smaller than {@link #MIN_COMPONENT_FRACTION} of the largest (platelets,
 * specks) do not vote.</li>
 * <li>Cell body: stained pixels (total optical density above its Otsu threshold among the
 * non-nucleus pixels, i.e. red cells, cytoplasm and nuclei; holes filled). For each nucleus
 * component, the largest disc inside the stained pixels that contains the component's centroid is
 * the cell body around it (for a lobe of a neutrophil too, since the cell's disc covers every
 * lobe). Its diameter times {@link #BODY_DISC_PER_DIAMETER} is one vote.</li>
 * <li>A nucleus can not be wider than its cell: the estimate is at least
 * {@link #NUCLEUS_EXTENT_PER_DIAMETER}⁻¹ times the median extent of the nucleus components. This
 * rescues pale cytoplasm, which the body disc misses.</li>
 * </ol>
 * The estimate is the larger of the median body vote and that bound. Large images are analysed at a
 * reduced size ({@link #ANALYSIS_SIZE} px on the longer side), so the cost does not grow with the
 * camera resolution. On wbc-masks the estimate / true diameter (mask area) has median 1.03 and
 * 10th-90th percentiles 0.93-1.09.
 */
public final class DiameterEstimator {

	/** Cell diameter / diameter of the largest stained disc around a nucleus, calibrated on wbc-masks. */
	public static final double BODY_DISC_PER_DIAMETER = 1.18;
	/** Median nucleus component extent / cell diameter, at most (the lower bound of the estimate). */
	public static final double NUCLEUS_EXTENT_PER_DIAMETER = 0.83;
	/** Nucleus components smaller than this fraction of the largest do not vote. */
	public static final double MIN_COMPONENT_FRACTION = 0.3;
	/** Longer side of the image the estimate is computed on. */
	public static final int ANALYSIS_SIZE = 400;
	/** Used when the image holds no nucleus (e.g. red cells only, or blank). */
	public static final double FALLBACK_DIAMETER = 40;
	/**
	 * Largest leukocyte diameter / red-cell diameter: about 20 µm (the largest blasts and monocytes)
	 * over 7.5 µm. An estimate above this many times the red-cell ruler measured a crowd of
	 * leukocytes, not one, and is cut back to it.
	 */
	public static final double MAX_LEUKOCYTE_PER_RED_CELL = 2.7;

	private DiameterEstimator() {}

	/**
	 * The leukocyte diameter a segmentation with {@code settings} runs at: the one given, else the
	 * estimate of {@code cp}, for a field at most {@link #MAX_LEUKOCYTE_PER_RED_CELL} times its
	 * red-cell diameter where {@link RedCellRuler} can measure it. Where leukocytes crowd, their
	 * bodies and nuclei merge and the estimate grows with the crowd (up to 4 times the ruler in pre-B
	 * fields of all-taleqani), which would keep a cluster of blasts as one cell and crop each of them
	 * too small. A single-cell image holds no crowd, and the ruler reads its few red cells small next
	 * to its large leukocyte (PBC): its estimate is taken as it is.
	 */
	public static double diameter(ColorProcessor cp, SegmentationSettings settings) {
		if (!settings.estimateDiameter()) return settings.cellDiameter();
		AnalysisImage small = AnalysisImage.of(cp, false);
		double d = estimate(small);
		if (settings.singleCell()) return d;
		// the ruler enlarges small images; a larger one shares its reduced copy, features and nuclei
		double red = RedCellRuler.measure(small.enlarged(cp)).reliableDiameter();
		return red > 0 ? Math.min(d, MAX_LEUKOCYTE_PER_RED_CELL * red) : d;
	}

	/** @return the expected leukocyte diameter in pixels of {@code cp}, from its leukocytes alone */
	public static double estimate(ColorProcessor cp) {
		return estimate(AnalysisImage.of(cp, false));
	}

	private static double estimate(AnalysisImage small) {
		double d = estimateAtSize(small);
		return d > 0 ? d / small.scale : FALLBACK_DIAMETER;
	}

	/**
	 * {@code cp} at {@link #ANALYSIS_SIZE} px on its longer side: a larger image reduced by area
	 * averaging; a smaller one enlarged bilinearly if {@code enlarge}, else {@code cp} itself. The
	 * image given is never changed.
	 */
	static ColorProcessor atAnalysisSize(ColorProcessor cp, boolean enlarge) {
		int w = cp.getWidth(), h = cp.getHeight();
		double scale = ANALYSIS_SIZE / (double) Math.max(w, h);
		int sw = Math.max(1, (int) Math.round(w * scale)), sh = Math.max(1, (int) Math.round(h * scale));
		if (scale < 1) return new ColorProcessor(sw, sh, AreaDownsampler.downsample((int[]) cp.getPixels(), w, h, sw, sh));
		if (scale == 1 || !enlarge) return cp;
		ColorProcessor view = new ColorProcessor(w, h, (int[]) cp.getPixels()); // its own interpolation setting
		view.setInterpolationMethod(ImageProcessor.BILINEAR);
		return (ColorProcessor) view.resize(sw, sh);
	}

	/** The estimate in pixels of the analysis image as it is; NaN if it shows no nucleus. */
	static double estimateAtSize(AnalysisImage a) {
		int w = a.width(), h = a.height(), n = w * h;
		if (w < 8 || h < 8) return Double.NaN;
		StainFeatures f = a.features();
		byte[] nucleus = a.nucleus();
		int[] count = new int[1];
		int[] comps = Labels.components(nucleus, w, h, count);
		int m = count[0];
		int[] area = new int[m + 1], minX = new int[m + 1], minY = new int[m + 1], maxX = new int[m + 1],
			maxY = new int[m + 1];
		double[] sx = new double[m + 1], sy = new double[m + 1];
		Arrays.fill(minX, Integer.MAX_VALUE);
		Arrays.fill(minY, Integer.MAX_VALUE);
		for (int i = 0; i < n; i++) {
			int c = comps[i];
			if (c == 0) continue;
			int x = i % w, y = i / w;
			area[c]++;
			sx[c] += x;
			sy[c] += y;
			minX[c] = Math.min(minX[c], x);
			maxX[c] = Math.max(maxX[c], x);
			minY[c] = Math.min(minY[c], y);
			maxY[c] = Math.max(maxY[c], y);
		}
		int largest = 0;
		for (int c = 1; c <= m; c++)
			largest = Math.max(largest, area[c]);
		if (largest < 4) return Double.NaN;

		// stained pixels and their distance map
		byte[] notNucleus = new byte[n];
		for (int i = 0; i < n; i++)
			if (nucleus[i] == 0) notNucleus[i] = 1;
		float tb = Thresholds.auto(f.density, notNucleus, AutoThresholder.Method.Otsu);
		byte[] stained = new byte[n];
		for (int i = 0; i < n; i++)
			if (f.density[i] > tb || nucleus[i] != 0) stained[i] = 1;
		BinaryOps.fillHoles(stained, w, h);
		float[] edm = BinaryOps.distanceInside(stained, w, h);
		float maxEdm = 0;
		for (float v : edm)
			maxEdm = Math.max(maxEdm, v);

		double[] bodies = new double[m], extents = new double[m];
		int k = 0;
		for (int c = 1; c <= m; c++) {
			if (area[c] < MIN_COMPONENT_FRACTION * largest) continue;
			bodies[k] = 2 * largestDiscAround(edm, w, h, sx[c] / area[c], sy[c] / area[c], maxEdm);
			extents[k++] = (maxX[c] - minX[c] + maxY[c] - minY[c] + 2) / 2.0;
		}
		double body = median(bodies, k) * BODY_DISC_PER_DIAMETER;
		double bound = median(extents, k) / NUCLEUS_EXTENT_PER_DIAMETER;
		return Math.max(body, bound);
	}

	/** Radius of the largest disc of the distance map {@code edm} that contains (cx, cy). */
	private static double largestDiscAround(float[] edm, int w, int h, double cx, double cy, float maxEdm) {
		int r = (int) Math.ceil(maxEdm);
		double best = 0;
		for (int y = Math.max(0, (int) cy - r); y <= Math.min(h - 1, (int) cy + r); y++)
			for (int x = Math.max(0, (int) cx - r); x <= Math.min(w - 1, (int) cx + r); x++) {
				float e = edm[y * w + x];
				if (e <= best) continue;
				double dx = x - cx, dy = y - cy;
				if (dx * dx + dy * dy <= (double) e * e) best = e;
			}
		return best;
	}

	private static double median(double[] v, int n) {
		double[] s = Arrays.copyOf(v, n);
		Arrays.sort(s);
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}
}
