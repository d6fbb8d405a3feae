package io.github.leukocnn.segment;

import ij.process.AutoThresholder;
import ij.process.ColorProcessor;

/**
 * Measures the red-cell diameter of a smear image: a ruler that does not depend on the leukocytes,
 * whose size is what the classifier must judge. Red cells are about 7.5 µm across in every adult,
 * so their size in pixels gives the image's scale.
 * <ol>
 * <li>The image is resampled to {@link DiameterEstimator#ANALYSIS_SIZE} px on its longer side.</li>
 * <li>Stained pixels: total optical density above its Otsu threshold among the non-nucleus pixels
 * (values above their 99.5th percentile clipped first: dark specks and text would take the
 * threshold), nuclei added, holes (the pale centres of red cells) filled.</li>
 * <li>Granulometry: the opening transform gives every stained pixel the radius of the largest disc
 * inside the stained pixels that covers it, among maximal discs that stay at least their radius
 * clear of every nucleus (so leukocytes, cytoplasm included, take no part). Red cells touch and overlap in chains, but a chain is as wide as one cell, so its
 * pixels keep the cell's radius; connected-component sizes would not.</li>
 * <li>The ruler is twice the mode of the opening transform over the stained non-nucleus pixels.</li>
 * </ol>
 * An image with few red cells (a single-cell crop, a thick area) gives no clear peak:
 * {@link Measurement#reliable} says when to trust the ruler. On all-taleqani (224-px fields) the
 * ruler's 10th-90th percentiles per class folder span a factor 1.14-1.27 where the leukocyte
 * estimate ({@link DiameterEstimator}) spans 1.8-2.2.
 */
public final class RedCellRuler {

	/**
	 * Fewer red-cell pixels (stained, covered by a red cell's disc) than this fraction of the image:
	 * no estimate. On wbc-masks (single-cell crops) the 95th percentile is 0.02; on all-taleqani and
	 * bccd fields the 5th percentile is 0.07 and 0.12.
	 */
	public static final double MIN_RED_FRACTION = 0.05;
	/** The peak (radii within ¾ to 4/3 of the mode) must cover at least this many red-cell discs ... */
	public static final double MIN_RED_CELLS = 4;
	/** ... and this share of the red-cell pixels. */
	public static final double MIN_PEAK_SHARE = 0.3;
	/** Percentile of the non-nucleus density above which values are clipped before thresholding. */
	static final double CLIP_PERCENTILE = 0.995;
	/** Histogram of disc radii at the analysis size: bin width and count (radii up to 200 px). */
	static final double BIN = 0.5;
	static final int BINS = 400;

	private RedCellRuler() {}

	/**
	 * What the ruler saw in one image.
	 *
	 * @param diameter the red-cell diameter in pixels of the image (twice the mode radius), NaN if
	 *          the image has no red-cell pixel
	 * @param redFraction red-cell pixels (stained, covered by a red cell's disc) / image pixels
	 * @param peakCells area of the peak (radii within ¾ to 4/3 of the mode) / area of one red cell
	 * @param peakShare area of the peak / red-cell pixels
	 */
	public record Measurement(double diameter, double redFraction, double peakCells, double peakShare) {

		/** Enough red cells, and a clear peak: the diameter can be trusted. */
		public boolean reliable() {
			return diameter > 0 && redFraction >= MIN_RED_FRACTION && peakCells >= MIN_RED_CELLS && peakShare >= MIN_PEAK_SHARE;
		}

		/** The diameter if {@link #reliable}, else NaN. */
		public double reliableDiameter() {
			return reliable() ? diameter : Double.NaN;
		}
	}

	/** @return the red-cell diameter in pixels of {@code cp}, or NaN if it is not {@link Measurement#reliable} */
	public static double diameter(ColorProcessor cp) {
		return measure(cp).reliableDiameter();
	}

	/** Measures {@code cp} (which is left as it is). */
	public static Measurement measure(ColorProcessor cp) {
		// small fields are enlarged too: red cells of 7 px would give a ruler in steps of 1/7
		return measure(AnalysisImage.of(cp, true));
	}

	static Measurement measure(AnalysisImage small) {
		double scale = small.scale;
		double[] r = radii(small);
		if (r == null) return new Measurement(Double.NaN, 0, 0, 0);
		double mode = mode(r);
		double inPeak = 0, all = 0;
		for (int b = 0; b < r.length; b++) {
			double v = (b + 0.5) * BIN;
			all += r[b];
			if (v >= 0.75 * mode && v <= 1.33 * mode) inPeak += r[b];
		}
		return new Measurement(2 * mode / scale, all / (small.width() * (double) small.height()),
			inPeak / (Math.PI * mode * mode), inPeak / all);
	}

	/** Histogram (bins of {@link #BIN} px) of the opening transform over red-cell pixels; null if there are none. */
	static double[] radii(AnalysisImage a) {
		int w = a.width(), h = a.height(), n = w * h;
		if (w < 8 || h < 8) return null;
		StainFeatures f = a.features();
		byte[] nucleus = a.nucleus(), notNucleus = new byte[n];
		for (int i = 0; i < n; i++)
			if (nucleus[i] == 0) notNucleus[i] = 1;
		float tb = Thresholds.autoClipped(f.density, notNucleus, AutoThresholder.Method.Otsu, CLIP_PERCENTILE);
		byte[] stained = new byte[n];
		for (int i = 0; i < n; i++)
			if (f.density[i] > tb || nucleus[i] != 0) stained[i] = 1;
		BinaryOps.fillHoles(stained, w, h);
		stained = BinaryOps.open3x3(stained, w, h);
		float[] opening = openingTransform(stained, BinaryOps.distanceOutside(nucleus, w, h), w, h);
		double[] hist = new double[BINS];
		int red = 0;
		for (int i = 0; i < n; i++) {
			if (stained[i] == 0 || nucleus[i] != 0 || opening[i] == 0) continue; // 0: near a nucleus, in no red cell's disc
			int b = (int) (opening[i] / BIN);
			if (b >= BINS) continue;
			hist[b]++;
			red++;
		}
		return red == 0 ? null : hist;
	}

	/**
	 * Per pixel of {@code mask}: radius of the largest disc inside the mask that covers it, among
	 * maximal discs (centred on the ridge of the distance map) that stay at least their radius clear
	 * of every nucleus ({@code nucleusDistance} = distance to the nearest nucleus pixel), so
	 * leukocytes, cytoplasm included, do not count.
	 */
	static float[] openingTransform(byte[] mask, float[] nucleusDistance, int w, int h) {
		float[] edm = BinaryOps.distanceInside(mask, w, h);
		float[] out = new float[edm.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float e = edm[y * w + x];
				// maximal discs only (centred on the distance map's ridge), and a red cell's stays a radius
				// clear of every nucleus; the ring of cytoplasm around a nucleus has no such disc
				if (e < 1 || nucleusDistance[y * w + x] <= 2 * e || !isRidge(edm, w, h, x, y)) continue;
				int r = (int) e;
				double e2 = (double) e * e;
				for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
					int dy = yy - y;
					for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
						int dx = xx - x, j = yy * w + xx;
						if (dx * dx + dy * dy <= e2 && out[j] < e) out[j] = e;
					}
				}
			}
		return out;
	}

	/** Whether no 8-neighbour of (x, y) is farther from the background. */
	private static boolean isRidge(float[] edm, int w, int h, int x, int y) {
		float e = edm[y * w + x];
		for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
			for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++)
				if (edm[yy * w + xx] > e) return false;
		return true;
	}

	/** Centre of the highest bin after smoothing over ±2 bins. */
	static double mode(double[] hist) {
		int best = 0;
		double top = -1;
		for (int b = 2; b < hist.length - 2; b++) {
			double s = hist[b - 2] + 2 * hist[b - 1] + 3 * hist[b] + 2 * hist[b + 1] + hist[b + 2];
			if (s > top) {
				top = s;
				best = b;
			}
		}
		return (best + 0.5) * BIN;
	}
}
