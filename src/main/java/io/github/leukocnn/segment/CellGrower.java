package io.github.leukocnn.segment;

import ij.process.AutoThresholder;

/**
 * Grows each nucleus group into its whole cell (see {@link SmearSegmenter}, step "Whole cell") and
 * splits touching cells by a seeded watershed on the distance to the nuclei.
 */
final class CellGrower {

	private CellGrower() {}

	/** @return cell labels (same ids as the nucleus groups) at working scale */
	static int[] grow(StainFeatures f, NucleusGroups nuclei, double d) {
		int w = f.width, h = f.height, n = w * h, k = nuclei.count;
		int[] cells = new int[n];
		if (k == 0) return cells;
		byte[] nucleusMask = new byte[n];
		for (int i = 0; i < n; i++)
			if (nuclei.labels[i] != 0) nucleusMask[i] = 1;
		float[] distN = BinaryOps.distanceOutside(nucleusMask, w, h);

		// owner of every pixel within reach: geodesic Voronoi of the nucleus groups
		double reach = SmearSegmenter.MAX_RADIUS * d;
		byte[] allowed = new byte[n];
		int[] priority = new int[n];
		for (int i = 0; i < n; i++) {
			if (distN[i] <= reach) allowed[i] = 1;
			priority[i] = (int) distN[i];
		}
		int[] owner = nuclei.labels.clone();
		int levels = (int) reach + 2;
		Labels.flood(owner, priority, allowed, w, h, levels);

		// colour models
		float tDensity = Thresholds.auto(f.density, null, AutoThresholder.Method.Otsu);
		double far = 0.7 * d;
		double[] bg = new double[4], rbc = new double[4];
		double[][] cyto = new double[k + 1][4];
		double ring = Math.max(2.5, SmearSegmenter.CYTOPLASM_RING * d);
		for (int i = 0; i < n; i++) {
			if (nuclei.labels[i] != 0) continue;
			if (distN[i] > far) {
				add(f.density[i] <= tDensity ? bg : rbc, f, i);
			}
			else if (distN[i] >= 1.5 && distN[i] <= ring && owner[i] != 0) {
				add(cyto[owner[i]], f, i);
			}
		}
		if (bg[3] == 0) for (int i = 0; i < n; i++)
			if (f.density[i] <= tDensity && nuclei.labels[i] == 0) add(bg, f, i);
		mean(bg);
		boolean haveRbc = rbc[3] > 0;
		mean(rbc);
		for (int g = 1; g <= k; g++)
			mean(cyto[g]);

		// cytoplasm candidates
		double maxReach = SmearSegmenter.MAX_REACH * d, maxR2 = reach * reach;
		byte[] cell = new byte[n];
		for (int i = 0; i < n; i++) {
			int g = owner[i];
			if (g == 0) continue;
			if (nuclei.labels[i] != 0) {
				cell[i] = 1;
				continue;
			}
			if (distN[i] > maxReach) continue;
			double dx = i % w - nuclei.centroidX[g], dy = i / w - nuclei.centroidY[g];
			if (dx * dx + dy * dy > maxR2) continue;
			double dc = dist2(cyto[g], f, i);
			if (dc < dist2(bg, f, i) && (!haveRbc || dc < dist2(rbc, f, i))) cell[i] = 1;
		}
		BinaryOps.fillHoles(cell, w, h);
		cell = BinaryOps.open(cell, w, h, SmearSegmenter.SMOOTHING * d);
		for (int i = 0; i < n; i++)
			if (nucleusMask[i] != 0) cell[i] = 1;

		// grow the nuclei through the cell mask, nearest nucleus first: splits touching cells
		System.arraycopy(nuclei.labels, 0, cells, 0, n);
		Labels.flood(cells, priority, cell, w, h, levels);
		return cells;
	}

	private static void add(double[] acc, StainFeatures f, int i) {
		acc[0] += f.odRed[i];
		acc[1] += f.odGreen[i];
		acc[2] += f.odBlue[i];
		acc[3]++;
	}

	private static void mean(double[] acc) {
		if (acc[3] > 0) for (int c = 0; c < 3; c++)
			acc[c] /= acc[3];
	}

	private static double dist2(double[] m, StainFeatures f, int i) {
		double a = f.odRed[i] - m[0], b = f.odGreen[i] - m[1], c = f.odBlue[i] - m[2];
		return a * a + b * b + c * c;
	}
}
