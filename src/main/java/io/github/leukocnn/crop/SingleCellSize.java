package io.github.leukocnn.crop;

import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.img.array.ArrayImgs;

/**
 * Estimates the diameter of the one leukocyte in the middle of a single-cell image (PBC style),
 * so that single-cell images are cropped at the same cell scale as cells found in whole fields.
 * Leukocytes are the only strongly blue-violet objects in Romanowsky stains: pixels whose blue
 * exceeds green by more than an Otsu threshold are "stained"; the stained component nearest the
 * centre is taken and its bounding box gives the diameter. The result is clamped to a plausible
 * share of the image, since the image was framed around the cell.
 */
public final class SingleCellSize {

	/** Bounds of the estimate as a fraction of the shorter image side. */
	public static final double MIN_FRACTION = 0.25, MAX_FRACTION = 0.9;

	/** The segmented cell must have its centroid within this fraction of the shorter side of the centre. */
	public static final double MAX_CENTRE_OFFSET = 0.25;

	/** Diameter estimated per image, as for one cell (no crowd); one thread, since callers already run images in parallel. */
	private static final SegmentationSettings ONE_IMAGE = SegmentationSettings.defaults().withThreads(1).withSingleCell();

	private SingleCellSize() {}

	/**
	 * The equivalent diameter (2·√(area/π)) of the leukocyte that {@code segmenter} finds nearest
	 * the image centre, the diameter estimated per image: the same cells the field pipeline
	 * crops, so single-cell crops show the cell at the card's cell fraction whatever the scanner's
	 * magnification or framing. Falls back to {@link #estimateDiameter} when no cell is near the
	 * centre.
	 */
	public static double segmentedDiameter(int[] argb, int w, int h, LeukocyteSegmenter segmenter) {
		Segmentation s = segmenter.segment(ArrayImgs.argbs(argb, w, h), ONE_IMAGE);
		double best = MAX_CENTRE_OFFSET * Math.min(w, h), diameter = -1;
		for (CellMeasurements m : s.measurements()) {
			double r = Math.hypot(m.centroidX() - (w - 1) / 2.0, m.centroidY() - (h - 1) / 2.0);
			if (r <= best) {
				best = r;
				diameter = 2 * Math.sqrt(m.area() / Math.PI);
			}
		}
		return diameter > 0 ? diameter : estimateDiameter(argb, w, h);
	}

	public static double estimateDiameter(int[] argb, int w, int h) {
		int n = w * h;
		int[] hist = new int[512];
		short[] score = new short[n];
		for (int i = 0; i < n; i++) {
			int p = argb[i];
			int s = (p & 255) - ((p >> 8) & 255); // blue - green, -255..255
			score[i] = (short) s;
			hist[s + 255]++;
		}
		int t = otsu(hist) - 255;
		// seed: the most stained pixel within the central half of the image
		int seed = -1, best = Integer.MIN_VALUE;
		for (int y = h / 4; y < 3 * h / 4; y++)
			for (int x = w / 4; x < 3 * w / 4; x++) {
				int s = score[y * w + x];
				// prefer pixels near the centre among similarly stained ones
				int d = Math.abs(x - w / 2) + Math.abs(y - h / 2);
				int v = s * 4 - d / 4;
				if (s > t && v > best) {
					best = v;
					seed = y * w + x;
				}
			}
		double min = MIN_FRACTION * Math.min(w, h), max = MAX_FRACTION * Math.min(w, h);
		if (seed < 0) return min;
		// flood fill of the stained component (iterative, 4-connected)
		boolean[] seen = new boolean[n];
		int[] stack = new int[n];
		int top = 0;
		stack[top++] = seed;
		seen[seed] = true;
		int x0 = w, x1 = -1, y0 = h, y1 = -1;
		while (top > 0) {
			int i = stack[--top];
			int x = i % w, y = i / w;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			if (x > 0) top = push(i - 1, score, t, seen, stack, top);
			if (x < w - 1) top = push(i + 1, score, t, seen, stack, top);
			if (y > 0) top = push(i - w, score, t, seen, stack, top);
			if (y < h - 1) top = push(i + w, score, t, seen, stack, top);
		}
		double d = ((x1 - x0 + 1) + (y1 - y0 + 1)) / 2.0;
		return Math.max(min, Math.min(max, d));
	}

	private static int push(int i, short[] score, int t, boolean[] seen, int[] stack, int top) {
		if (!seen[i] && score[i] > t) {
			seen[i] = true;
			stack[top++] = i;
		}
		return top;
	}

	/** Otsu threshold index of a histogram. */
	static int otsu(int[] hist) {
		long total = 0, sum = 0;
		for (int i = 0; i < hist.length; i++) {
			total += hist[i];
			sum += (long) i * hist[i];
		}
		long wB = 0, sumB = 0;
		double bestVar = -1;
		int best = 0;
		for (int i = 0; i < hist.length; i++) {
			wB += hist[i];
			if (wB == 0) continue;
			long wF = total - wB;
			if (wF == 0) break;
			sumB += (long) i * hist[i];
			double mB = (double) sumB / wB, mF = (double) (sum - sumB) / wF;
			double v = (double) wB * wF * (mB - mF) * (mB - mF);
			if (v > bestVar) {
				bestVar = v;
				best = i;
			}
		}
		return best;
	}
}
