package io.github.leukocnn.segment;

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
		double reach = SmearSegmenter.MAX_REACH * d, maxR = SmearSegmenter.MAX_RADIUS * d;
		double seedRadius = Math.max(1, SmearSegmenter.SEED_DILATION * d);
		// distances are only compared with these radii (and 2): beyond them, any larger value will do
		float[] distN = BinaryOps.distanceOutsideUpTo(nucleusMask, w, h, Math.max(Math.max(maxR, 2 * seedRadius), 2));

		// region each nucleus may reach, and the outside marker beyond it. Owners are only read within
		// reach; flooding by distance level labels every pixel at its own level (each has a 4-neighbour
		// nearer to the nuclei), so stopping after the last level within reach changes no owner there.
		int[] owner = nuclei.labels.clone();
		byte[] near = new byte[n];
		int[] distLevel = new int[n];
		int lastLevel = (int) reach;
		for (int i = 0; i < n; i++) {
			int level = (int) distN[i];
			if (distN[i] <= maxR && level <= lastLevel) near[i] = 1;
			distLevel[i] = level;
		}
		Labels.flood(owner, distLevel, near, w, h, (int) maxR + 2);
		int outside = k + 1;
		// background vs red cells and cytoplasm: Otsu of the density outside the nuclei
		byte[] notNucleus = new byte[n];
		for (int i = 0; i < n; i++)
			if (distN[i] > 2) notNucleus[i] = 1;
		float tDensity = Thresholds.auto(f.density, notNucleus, AutoThresholder.Method.Otsu);
		float clearBackground = (float) (SmearSegmenter.BACKGROUND_SEED * tDensity);
		byte[] allowed = new byte[n];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int g = owner[i];
				boolean inReach = false;
				if (g != 0 && distN[i] <= reach) {
					double dx = x - nuclei.centroidX[g], dy = y - nuclei.centroidY[g];
					inReach = dx * dx + dy * dy <= maxR * maxR;
				}
				if (!inReach) cells[i] = outside;
				else if (distN[i] <= seedRadius) cells[i] = g;
				else if (f.density[i] < clearBackground && distN[i] > 2 * seedRadius) cells[i] = outside;
				else allowed[i] = 1;
			}

		int[] level = gradientLevels(f, nucleusMask, SmearSegmenter.GRADIENT_SMOOTHING * d);
		Labels.flood(cells, level, allowed, w, h, LEVELS);
		for (int i = 0; i < n; i++)
			if (cells[i] == outside) cells[i] = 0;

		// smooth the outlines (opening), fill holes; nuclei stay even where the opening removed them
		byte[] any = new byte[n];
		for (int i = 0; i < n; i++)
			if (cells[i] != 0) any[i] = 1;
		byte[] keep = BinaryOps.open(any, w, h, SmearSegmenter.SMOOTHING * d);
		BinaryOps.fillHoles(keep, w, h);
		for (int i = 0; i < n; i++)
			if (nucleusMask[i] != 0) keep[i] = 1;
		// labels of the kept pixels; filled holes take the label around them
		int[] result = nuclei.labels.clone();
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = cells[i] != 0 ? 0 : 1;
			if (keep[i] != 0 && cells[i] != 0 && result[i] == 0) result[i] = cells[i];
		}
		Labels.flood(result, order, keep, w, h, 2);
		return result;
	}

	/**
	 * Colour gradient (Sobel, summed over the three optical densities, each clipped at its
	 * {@link SmearSegmenter#CLIP_PERCENTILE} percentile outside the nuclei) quantised to 0..255.
	 */
	static int[] gradientLevels(StainFeatures f, byte[] nucleusMask, double sigma) {
		int w = f.width, h = f.height, n = w * h;
		float[][] od = { f.odRed, f.odGreen, f.odBlue };
		float[] clips = densityPercentilesOutside(f, nucleusMask, SmearSegmenter.CLIP_PERCENTILE);
		float[][] smooth = new float[3][n];
		for (int k = 0; k < 3; k++) {
			float[] channel = od[k], c = smooth[k];
			float clip = clips[k];
			for (int i = 0; i < n; i++)
				c[i] = Math.min(channel[i], clip);
			GaussianSmoothing.smooth(c, w, h, sigma);
		}
		// squared Sobel magnitudes summed red, green, blue (in that order), and their maximum
		float[] g2 = new float[n];
		float[] c0 = smooth[0], c1 = smooth[1], c2 = smooth[2];
		float max = 0;
		for (int y = 1; y < h - 1; y++) {
			for (int x = 1; x < w - 1; x++) {
				int i = y * w + x;
				float sum = sobel2(c0, i, w);
				sum += sobel2(c1, i, w);
				sum += sobel2(c2, i, w);
				g2[i] = sum;
				if (sum > max) max = sum;
			}
		}
		float top = (float) Math.sqrt(percentile(g2, max, 0.99));
		int[] level = new int[n];
		if (!(top > 0)) return level;
		float scale = 200f / top;
		for (int i = 0; i < n; i++)
			level[i] = Math.min(LEVELS - 1, (int) (Math.sqrt(g2[i]) * scale));
		return level;
	}

	/** Squared Sobel gradient magnitude of c at pixel i (not on the image border). */
	private static float sobel2(float[] c, int i, int w) {
		float gx = c[i - w + 1] + 2 * c[i + 1] + c[i + w + 1] - c[i - w - 1] - 2 * c[i - 1] - c[i + w - 1];
		float gy = c[i + w - 1] + 2 * c[i + w] + c[i + w + 1] - c[i - w - 1] - 2 * c[i - w] - c[i - w + 1];
		return gx * gx + gy * gy;
	}

	/**
	 * The q-quantiles of the three optical densities (red, green, blue) over the pixels where
	 * {@code mask} is 0, each from a 1024-bin histogram over 0..its maximum, from one pass over the
	 * 8-bit pixels: every density is a lookup of an 8-bit value, so counting the values gives the
	 * same histograms as counting the densities.
	 */
	static float[] densityPercentilesOutside(StainFeatures f, byte[] mask, double q) {
		int[][] counts = new int[3][256];
		int[] cr = counts[0], cg = counts[1], cb = counts[2];
		int[] px = f.pixels;
		for (int i = 0; i < px.length; i++)
			if (mask[i] == 0) {
				int p = px[i];
				cr[(p >> 16) & 0xff]++;
				cg[(p >> 8) & 0xff]++;
				cb[p & 0xff]++;
			}
		float[] out = new float[3];
		for (int k = 0; k < 3; k++) {
			float[] lut = f.lut[k];
			int[] c = counts[k];
			float max = 0;
			for (int v = 0; v < 256; v++)
				if (c[v] > 0 && lut[v] > max) max = lut[v];
			if (!(max > 0)) {
				out[k] = Float.MAX_VALUE;
				continue;
			}
			float scale = 1023.999f / max;
			int[] hist = new int[1024];
			int count = 0;
			for (int v = 0; v < 256; v++)
				if (c[v] > 0 && lut[v] >= 0) {
					hist[(int) (lut[v] * scale)] += c[v];
					count += c[v];
				}
			out[k] = quantile(hist, count, q, scale, max);
		}
		return out;
	}

	/**
	 * The q-quantile of the non-negative values of v, whose maximum is {@code max}, from a 1024-bin
	 * histogram over 0..max (the upper edge of the quantile's bin); {@link Float#MAX_VALUE} if max is 0.
	 */
	private static float percentile(float[] v, float max, double q) {
		if (!(max > 0)) return Float.MAX_VALUE;
		float scale = 1023.999f / max;
		int[] hist = new int[1024];
		int count = 0;
		for (float x : v)
			if (x >= 0) {
				hist[(int) (x * scale)]++;
				count++;
			}
		return quantile(hist, count, q, scale, max);
	}

	/** The q-quantile of {@code count} values binned into {@code hist} (bin = value × scale): the upper edge of its bin. */
	private static float quantile(int[] hist, int count, double q, float scale, float max) {
		long target = (long) Math.ceil(q * count), sum = 0;
		for (int b = 0; b < hist.length; b++) {
			sum += hist[b];
			if (sum >= target) return (b + 1) / scale;
		}
		return max;
	}
}
