package io.github.leukocnn.segment;

import ij.process.AutoThresholder;

/**
 * Leukocyte nuclei at working scale, one group per cell: the lobes of a segmented neutrophil are
 * joined by {@link LobeGrouping}; groups too small, too pale or with too little chromatin to be a
 * leukocyte nucleus (platelets, red cells passing a low threshold) are dropped.
 */
final class NucleusGroups {

	/** Group id (1..count) of every nucleus pixel, 0 elsewhere. */
	final int[] labels;
	final int count;
	/** Threshold of the nucleus feature that was used. */
	final float threshold;
	final double[] centroidX, centroidY;

	private NucleusGroups(int[] labels, int count, float threshold, double[] cx, double[] cy) {
		this.labels = labels;
		this.count = count;
		this.threshold = threshold;
		this.centroidX = cx;
		this.centroidY = cy;
	}

	static NucleusGroups find(StainFeatures f, double d) {
		int w = f.width, h = f.height, n = w * h;
		float threshold = nucleusThreshold(f);
		byte[] mask = new byte[n];
		for (int i = 0; i < n; i++)
			if (f.nucleus[i] > threshold) mask[i] = 1;
		mask = BinaryOps.open3x3(mask, w, h);
		double discArea = Math.PI * d * d / 4;

		// drop specks smaller than a lobe
		int[] count = new int[1];
		int[] lobes = Labels.components(mask, w, h, count);
		int[] lobeArea = new int[count[0] + 1];
		for (int l : lobes)
			lobeArea[l]++;
		double minLobe = SmearSegmenter.MIN_LOBE_AREA * discArea;
		// the remaining lobes keep their raster order: renumber them 1..kept (= labelling the cleaned mask)
		int[] keptId = new int[count[0] + 1];
		int kept = 0;
		for (int l = 1; l <= count[0]; l++)
			if (lobeArea[l] >= minLobe) keptId[l] = ++kept;
		for (int i = 0; i < n; i++)
			if (lobes[i] != 0) {
				lobes[i] = keptId[lobes[i]];
				if (lobes[i] == 0) mask[i] = 0;
			}

		// a lobe wider than any one nucleus is several touching nuclei (a tight cluster of blasts): cut at its necks
		int[] cutFrom = WideLobeSplitter.split(lobes, kept, mask, w, h, SmearSegmenter.MAX_NUCLEUS_SPAN * d,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * d);
		kept = cutFrom.length - 1;

		// group lobes (closest pairs first) as long as the group still fits inside one leukocyte
		double strongest = strongNucleusLevel(f.nucleus, mask);
		double minMass = SmearSegmenter.MIN_CHROMATIN * strongest * discArea;
		int[] groups = LobeGrouping.group(lobes, kept, mask, f.nucleus, w, h, SmearSegmenter.LOBE_GAP * d,
			SmearSegmenter.ORPHAN_GAP * d, SmearSegmenter.MAX_NUCLEUS_SPAN * d, minMass, cutFrom, count);
		int m = count[0];
		int[] area = new int[m + 1];
		double[] sx = new double[m + 1], sy = new double[m + 1], sf = new double[m + 1];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				if (mask[i] == 0) {
					groups[i] = 0;
					continue;
				}
				int g = groups[i];
				area[g]++;
				sf[g] += f.nucleus[i];
				sx[g] += x;
				sy[g] += y;
			}
		// keep groups large enough for a leukocyte nucleus; renumber 1..k in raster order
		// ... and stained like the most nucleus-like group (red cells that pass a low threshold don't)
		double minArea = SmearSegmenter.MIN_NUCLEUS_AREA * discArea;
		int[] map = new int[m + 1];
		int k = 0;
		for (int g = 1; g <= m; g++)
			if (area[g] >= minArea && sf[g] / area[g] >= SmearSegmenter.MIN_GROUP_CONTRAST * strongest &&
				sf[g] >= minMass) map[g] = ++k;
		double[] cx = new double[k + 1], cy = new double[k + 1];
		for (int g = 1; g <= m; g++)
			if (map[g] > 0) {
				cx[map[g]] = sx[g] / area[g];
				cy[map[g]] = sy[g] / area[g];
			}
		for (int i = 0; i < n; i++)
			groups[i] = map[groups[i]];
		return new NucleusGroups(groups, k, threshold, cx, cy);
	}

	/**
	 * The 90th percentile of the nucleus feature over the nucleus mask: the level of real chromatin
	 * as long as nuclei are at least a tenth of the mask, unmoved by a single dark speck.
	 */
	static double strongNucleusLevel(float[] feature, byte[] mask) {
		int count = 0;
		for (byte b : mask)
			if (b != 0) count++;
		if (count == 0) return 0;
		float[] v = new float[count];
		for (int i = 0, k = 0; i < mask.length; i++)
			if (mask[i] != 0) v[k++] = feature[i];
		return select(v, (int) (0.9 * (count - 1)));
	}

	/** The k-th smallest value (0-based) of v, reordering v: the value sorting would put at index k (Hoare's selection). */
	static float select(float[] v, int k) {
		int lo = 0, hi = v.length - 1;
		while (lo < hi) {
			float pivot = v[(lo + hi) >>> 1];
			int i = lo, j = hi;
			while (i <= j) {
				while (Float.compare(v[i], pivot) < 0)
					i++;
				while (Float.compare(v[j], pivot) > 0)
					j--;
				if (i <= j) {
					float t = v[i];
					v[i++] = v[j];
					v[j--] = t;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return v[k];
		}
		return v[k];
	}

	/** The nuclei of a small analysis image: the nucleus feature above {@link #nucleusThreshold}, opened 3×3 (specks gone). */
	static byte[] nucleusMask(StainFeatures f) {
		float t = nucleusThreshold(f);
		byte[] nucleus = new byte[f.nucleus.length];
		for (int i = 0; i < nucleus.length; i++)
			if (f.nucleus[i] > t) nucleus[i] = 1;
		return BinaryOps.open3x3(nucleus, f.width, f.height);
	}

	/** Otsu on the nucleus feature of the whole image, bounded below by MIN_NUCLEUS_CONTRAST. */
	static float nucleusThreshold(StainFeatures f) {
		float t = Thresholds.auto(f.nucleus, null, AutoThresholder.Method.Otsu);
		return Math.max(t, SmearSegmenter.MIN_NUCLEUS_CONTRAST);
	}
}
