package io.github.leukocnn.segment;

import java.util.Arrays;

import ij.process.AutoThresholder;

/**
 * Grows each nucleus group into its whole cell (see {@link SmearSegmenter}, step "Whole cell"):
 * a marker-controlled watershed on the colour gradient, where the markers are the nucleus groups
 * (slightly dilated, so that they already straddle their own edge) and "outside" (everything
 * beyond reach of a nucleus, plus clear background). The optical densities are clipped at the
 * level of red cells before the gradient is taken, which flattens the strong nucleus/cytoplasm
 * edge while keeping the cytoplasm/background and cytoplasm/red-cell edges; the competition
 * between markers then places each cell outline on the strongest edge around it and splits
 * touching cells along the edge between them.
 */
final class CellGrower {

	private CellGrower() {}

	/** Levels of the quantised gradient. */
	private static final int LEVELS = 256;

	/** @return cell labels (same ids as the nucleus groups) at working scale */
	static int[] grow(StainFeatures f, NucleusGroups nuclei, double d) {
		int w = f.width, h = f.height, n = w * h, k = nuclei.count;
		int[] cells = new int[n];
		if (k == 0) return cells;
		byte[] nucleusMask = new byte[n];
		for (int i = 0; i < n; i++)
			if (nuclei.labels[i] != 0) nucleusMask[i] = 1;
		float[] distN = BinaryOps.distanceOutside(nucleusMask, w, h);

		// region each nucleus may reach, and the outside marker beyond it
		double reach = SmearSegmenter.MAX_REACH * d, maxR = SmearSegmenter.MAX_RADIUS * d;
		int[] owner = nuclei.labels.clone();
		byte[] near = new byte[n];
		int[] distLevel = new int[n];
		for (int i = 0; i < n; i++) {
			if (distN[i] <= maxR) near[i] = 1;
			distLevel[i] = (int) distN[i];
		}
		Labels.flood(owner, distLevel, near, w, h, (int) maxR + 2);
		int outside = k + 1;
		float tDensity = Thresholds.auto(f.density, null, AutoThresholder.Method.Otsu);
		float clearBackground = (float) (SmearSegmenter.BACKGROUND_SEED * tDensity);
		double seedRadius = Math.max(1, SmearSegmenter.SEED_DILATION * d);
		byte[] allowed = new byte[n];
		for (int i = 0; i < n; i++) {
			int g = owner[i];
			boolean inReach = false;
			if (g != 0 && distN[i] <= reach) {
				double dx = i % w - nuclei.centroidX[g], dy = i / w - nuclei.centroidY[g];
				inReach = dx * dx + dy * dy <= maxR * maxR;
			}
			if (!inReach) cells[i] = outside;
			else if (distN[i] <= seedRadius) cells[i] = g;
			else if (f.density[i] < clearBackground && distN[i] > 2 * seedRadius) cells[i] = outside;
			else allowed[i] = 1;
		}

		int[] level = gradientLevels(f, nucleusMask);
		Labels.flood(cells, level, allowed, w, h, LEVELS);
		for (int i = 0; i < n; i++)
			if (cells[i] == outside) cells[i] = 0;

		// fill holes and smooth each cell
		byte[] any = new byte[n];
		for (int i = 0; i < n; i++)
			if (cells[i] != 0) any[i] = 1;
		byte[] smooth = BinaryOps.open(any, w, h, SmearSegmenter.SMOOTHING * d);
		byte[] filled = smooth.clone();
		BinaryOps.fillHoles(filled, w, h);
		int[] result = nuclei.labels.clone();
		for (int i = 0; i < n; i++)
			if (filled[i] == 0 || nucleusMask[i] != 0) filled[i] = filled[i]; // keep nuclei even if opened away
		byte[] keep = new byte[n];
		for (int i = 0; i < n; i++)
			if (filled[i] != 0 || nucleusMask[i] != 0) keep[i] = 1;
		// regrow labels through the smoothed mask (holes take the label around them)
		int[] order = new int[n];
		for (int i = 0; i < n; i++)
			order[i] = cells[i] != 0 ? 0 : 1;
		for (int i = 0; i < n; i++)
			if (keep[i] != 0 && cells[i] != 0 && result[i] == 0) result[i] = cells[i];
		Labels.flood(result, order, keep, w, h, 2);
		return result;
	}

	/**
	 * Colour gradient (Sobel, summed over the three optical densities, each clipped at its
	 * {@link SmearSegmenter#CLIP_PERCENTILE} percentile outside the nuclei) quantised to 0..255.
	 */
	static int[] gradientLevels(StainFeatures f, byte[] nucleusMask) {
		int w = f.width, h = f.height, n = w * h;
		float[][] od = { f.odRed, f.odGreen, f.odBlue };
		float[] g2 = new float[n];
		for (float[] c : od) {
			float clip = percentileOutside(c, nucleusMask, SmearSegmenter.CLIP_PERCENTILE);
			for (int y = 1; y < h - 1; y++) {
				for (int x = 1; x < w - 1; x++) {
					int i = y * w + x;
					float a = Math.min(c[i - w - 1], clip), b = Math.min(c[i - w], clip), cc = Math.min(c[i - w + 1], clip);
					float dd = Math.min(c[i - 1], clip), e = Math.min(c[i + 1], clip);
					float ff = Math.min(c[i + w - 1], clip), g = Math.min(c[i + w], clip), hh = Math.min(c[i + w + 1], clip);
					float gx = cc + 2 * e + hh - a - 2 * dd - ff;
					float gy = ff + 2 * g + hh - a - 2 * b - cc;
					g2[i] += gx * gx + gy * gy;
				}
			}
		}
		float[] sorted = g2.clone();
		Arrays.sort(sorted);
		float top = (float) Math.sqrt(sorted[(int) (0.99 * (n - 1))]);
		int[] level = new int[n];
		if (!(top > 0)) return level;
		float scale = 200f / top;
		for (int i = 0; i < n; i++)
			level[i] = Math.min(LEVELS - 1, (int) (Math.sqrt(g2[i]) * scale));
		return level;
	}

	private static float percentileOutside(float[] v, byte[] mask, double q) {
		int[] hist = new int[1024];
		int count = 0;
		float max = 0;
		for (int i = 0; i < v.length; i++)
			if (mask[i] == 0) max = Math.max(max, v[i]);
		if (!(max > 0)) return Float.MAX_VALUE;
		float scale = 1023.999f / max;
		for (int i = 0; i < v.length; i++)
			if (mask[i] == 0 && v[i] >= 0) {
				hist[(int) (v[i] * scale)]++;
				count++;
			}
		long target = (long) Math.ceil(q * count), sum = 0;
		for (int b = 0; b < hist.length; b++) {
			sum += hist[b];
			if (sum >= target) return (b + 1) / scale;
		}
		return max;
	}
}
