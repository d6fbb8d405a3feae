package io.github.leukocnn.segment;

import java.util.Arrays;

/**
 * Groups nucleus lobes into one nucleus per cell: lobes are joined closest pair first (gap = number of
 * background pixels between them) while the gap is at most {@code maxGap} and the joined group still
 * fits inside one leukocyte (its span, see {@link #span}, at most {@code maxSpan}). The lobes of a
 * segmented neutrophil thus stay one nucleus, while the nuclei of two neighbouring leukocytes, whose
 * union is wider than a cell, stay apart even when they almost touch.
 */
final class LobeGrouping {

	private LobeGrouping() {}

	/**
	 * @param mask nucleus lobes (non-zero), row-major w×h
	 * @param count receives the number of groups
	 * @return group id 1..count of every lobe pixel (0 elsewhere), numbered in raster order
	 */
	static int[] group(byte[] mask, float[] feature, int w, int h, double maxGap, double orphanGap, double maxSpan,
		double minMass, int[] count)
	{
		int[] lobes = Labels.components(mask, w, h, count);
		return group(lobes, count[0], mask, feature, w, h, maxGap, orphanGap, maxSpan, minMass, null, count);
	}

	/**
	 * As {@link #group(byte[], float[], int, int, double, double, double, double, int[])}, with the
	 * lobes already labelled ({@link Labels#components} of {@code mask}: 1..n in raster order), which
	 * are renumbered in place.
	 *
	 * @param cutFrom per lobe, the id of the wide lobe it was cut from ({@link WideLobeSplitter}), 0 if
	 *          none; null = no lobe was cut. Two pieces of one cut lobe that both carry a nucleus's
	 *          chromatin are never joined again: they were cut because together they are wider than
	 *          a nucleus.
	 */
	static int[] group(int[] lobes, int n, byte[] mask, float[] feature, int w, int h, double maxGap,
		double orphanGap, double maxSpan, double minMass, int[] cutFrom, int[] count)
	{
		count[0] = n;
		if (n < 2) return lobes;
		Extent[] extent = new Extent[n + 1];
		double[] mass = new double[n + 1];
		for (int l = 1; l <= n; l++)
			extent[l] = new Extent();
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++)
				if (lobes[i] != 0) {
					extent[lobes[i]].add(x, y);
					mass[lobes[i]] += feature[i];
				}
		double furthest = Math.max(maxGap, orphanGap);

		// gaps between neighbouring lobes: on the border between their zones of influence,
		// the gap is the sum of the distances of the two pixels that meet there
		double reach = furthest / 2 + 1;
		float[] dist = BinaryOps.distanceOutsideWithin(mask, w, h, reach);
		int[] zone = lobes.clone();
		byte[] allowed = new byte[lobes.length];
		int[] priority = new int[lobes.length];
		for (int i = 0; i < lobes.length; i++) {
			if (dist[i] <= reach) allowed[i] = 1;
			priority[i] = (int) (4 * dist[i]);
		}
		Labels.flood(zone, priority, allowed, w, h, (int) (4 * reach) + 2);
		long[] pairs = new long[16];
		float[] gaps = new float[16];
		int edges = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x, a = zone[i];
				if (a == 0) continue;
				for (int side = 0; side < 2; side++) {
					int q = side == 0 ? (x < w - 1 ? i + 1 : -1) : (y < h - 1 ? i + w : -1);
					if (q < 0 || zone[q] == 0 || zone[q] == a) continue;
					float gap = dist[i] + dist[q];
					if (gap > furthest) continue;
					if (edges == pairs.length) {
						pairs = Arrays.copyOf(pairs, 2 * edges);
						gaps = Arrays.copyOf(gaps, 2 * edges);
					}
					int lo = Math.min(a, zone[q]), hi = Math.max(a, zone[q]);
					pairs[edges] = (long) lo << 32 | hi;
					gaps[edges++] = gap;
				}
			}
		// closest pairs first (ties by lobe ids: deterministic)
		Integer[] order = new Integer[edges];
		for (int e = 0; e < edges; e++)
			order[e] = e;
		long[] p = pairs;
		float[] g = gaps;
		Arrays.sort(order, (u, v) -> g[u] != g[v] ? Float.compare(g[u], g[v]) : Long.compare(p[u], p[v]));
		int[] parent = new int[n + 1];
		for (int l = 0; l <= n; l++)
			parent[l] = l;
		int[] family = cutFrom == null ? new int[n + 1] : cutFrom.clone();
		// first lobes of one nucleus (small gaps); then fragments too small to be a nucleus on their
		// own join their nearest group within the orphan gap
		for (int stage = 0; stage < 2; stage++)
			for (int e : order) {
				if (gaps[e] > (stage == 0 ? maxGap : orphanGap)) continue;
				int a = root(parent, (int) (pairs[e] >>> 32)), b = root(parent, (int) pairs[e]);
				if (a == b) continue;
				boolean twoNuclei = mass[a] >= minMass && mass[b] >= minMass;
				if (twoNuclei && (stage == 1 || family[a] != 0 && family[a] == family[b])) continue;
				Extent joined = extent[a].union(extent[b]);
				if (joined.span() > maxSpan) continue;
				int lo = Math.min(a, b), hi = Math.max(a, b);
				parent[hi] = lo;
				extent[lo] = joined;
				mass[lo] += mass[hi];
				family[lo] = Math.max(family[lo], family[hi]);
			}
		// renumber groups in raster order of their first pixel
		int[] id = new int[n + 1];
		int groups = 0;
		for (int i = 0; i < lobes.length; i++) {
			if (lobes[i] == 0) continue;
			int r = root(parent, lobes[i]);
			if (id[r] == 0) id[r] = ++groups;
			lobes[i] = id[r];
		}
		count[0] = groups;
		return lobes;
	}

	private static int root(int[] parent, int l) {
		while (parent[l] != l)
			l = parent[l] = parent[parent[l]];
		return l;
	}

	/** Bounding octagon of a pixel set: extremes of x, y, x+y and x-y. */
	static final class Extent {
		int minX = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, minY = Integer.MAX_VALUE, maxY = Integer.MIN_VALUE,
			minS = Integer.MAX_VALUE, maxS = Integer.MIN_VALUE, minD = Integer.MAX_VALUE, maxD = Integer.MIN_VALUE;

		void add(int x, int y) {
			minX = Math.min(minX, x);
			maxX = Math.max(maxX, x);
			minY = Math.min(minY, y);
			maxY = Math.max(maxY, y);
			minS = Math.min(minS, x + y);
			maxS = Math.max(maxS, x + y);
			minD = Math.min(minD, x - y);
			maxD = Math.max(maxD, x - y);
		}

		Extent union(Extent o) {
			Extent u = new Extent();
			u.minX = Math.min(minX, o.minX);
			u.maxX = Math.max(maxX, o.maxX);
			u.minY = Math.min(minY, o.minY);
			u.maxY = Math.max(maxY, o.maxY);
			u.minS = Math.min(minS, o.minS);
			u.maxS = Math.max(maxS, o.maxS);
			u.minD = Math.min(minD, o.minD);
			u.maxD = Math.max(maxD, o.maxD);
			return u;
		}

		/** Largest width over the four directions: the Feret diameter to within 8%. */
		double span() {
			return Math.max(Math.max(maxX - minX, maxY - minY), Math.max(maxS - minS, maxD - minD) / Math.sqrt(2)) + 1;
		}
	}
}
