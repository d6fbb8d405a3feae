package io.github.leukocnn.segment;

import java.util.ArrayList;
import java.util.List;

import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.Wand;
import ij.process.ByteProcessor;
import ij.process.FloatPolygon;

/**
 * Measures labelled cells: bounding box, centroid, area, traced perimeter (ImageJ's corner-corrected
 * length of the outline), circularity, solidity (area / convex hull area), nucleus area, N:C ratio,
 * mean colour and whether the cell touches the image border. One pass over the pixels, then one
 * outline trace per cell in its bounding box.
 */
public final class CellMeasurer {

	private CellMeasurer() {}

	/**
	 * @param cells cell labels 1..n (0 = background), row-major w×h
	 * @param nuclei nucleus labels, same ids as cells
	 */
	public static List<CellMeasurements> measure(short[] cells, short[] nuclei, int[] argb, int w, int h, int n) {
		int[] minX = new int[n + 1], minY = new int[n + 1], maxX = new int[n + 1], maxY = new int[n + 1];
		long[] area = new long[n + 1], nucArea = new long[n + 1];
		double[] sx = new double[n + 1], sy = new double[n + 1], sr = new double[n + 1], sg = new double[n + 1],
			sb = new double[n + 1];
		boolean[] border = new boolean[n + 1];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minY, Integer.MAX_VALUE);
		java.util.Arrays.fill(maxX, -1);
		java.util.Arrays.fill(maxY, -1);
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				int k = cells[i] & 0xffff;
				if (k == 0 || k > n) continue;
				area[k]++;
				if ((nuclei[i] & 0xffff) == k) nucArea[k]++;
				sx[k] += x;
				sy[k] += y;
				int c = argb[i];
				sr[k] += (c >> 16) & 0xff;
				sg[k] += (c >> 8) & 0xff;
				sb[k] += c & 0xff;
				if (x < minX[k]) minX[k] = x;
				if (x > maxX[k]) maxX[k] = x;
				if (y < minY[k]) minY[k] = y;
				if (y > maxY[k]) maxY[k] = y;
				if (x == 0 || y == 0 || x == w - 1 || y == h - 1) border[k] = true;
			}
		}
		List<CellMeasurements> out = new ArrayList<>(n);
		for (int k = 1; k <= n; k++) {
			if (area[k] == 0) continue;
			int bw = maxX[k] - minX[k] + 1, bh = maxY[k] - minY[k] + 1;
			double[] shape = outline(cells, w, k, minX[k], minY[k], bw, bh);
			double a = area[k], perimeter = shape[0], hull = shape[1];
			double circularity = perimeter > 0 ? Math.min(1, 4 * Math.PI * a / (perimeter * perimeter)) : 0;
			double solidity = hull > 0 ? Math.min(1, a / hull) : 1;
			double cyto = a - nucArea[k];
			double nc = cyto > 0 ? nucArea[k] / cyto : Double.POSITIVE_INFINITY;
			out.add(new CellMeasurements(k, minX[k], minY[k], bw, bh, sx[k] / a, sy[k] / a, a, perimeter,
				circularity, solidity, nucArea[k], nc, sr[k] / a, sg[k] / a, sb[k] / a, border[k]));
		}
		return out;
	}

	/** @return {traced perimeter, convex hull area} of the outline of label k's largest piece ({@link LabelPieces}) */
	private static double[] outline(short[] cells, int w, int k, int x0, int y0, int bw, int bh) {
		byte[] m = new byte[(bw + 2) * (bh + 2)];
		for (int y = 0; y < bh; y++)
			for (int x = 0; x < bw; x++)
				if ((cells[(y0 + y) * w + x0 + x] & 0xffff) == k) m[(y + 1) * (bw + 2) + x + 1] = (byte) 255;
		int start = LabelPieces.largestPieceStart(m, bw + 2, bh + 2);
		if (start < 0) return new double[] { 0, 0 };
		ByteProcessor bp = new ByteProcessor(bw + 2, bh + 2, m);
		Wand wand = new Wand(bp);
		wand.autoOutline(start % (bw + 2), start / (bw + 2), 255, 255, Wand.EIGHT_CONNECTED);
		if (wand.npoints < 3) return new double[] { 0, 0 };
		PolygonRoi roi = new PolygonRoi(wand.xpoints, wand.ypoints, wand.npoints, Roi.TRACED_ROI);
		double perimeter = roi.getLength();
		FloatPolygon hull = roi.getFloatConvexHull();
		return new double[] { perimeter, polygonArea(hull) };
	}

	static double polygonArea(FloatPolygon p) {
		if (p == null || p.npoints < 3) return 0;
		double s = 0;
		for (int i = 0, j = p.npoints - 1; i < p.npoints; j = i++)
			s += (double) p.xpoints[j] * p.ypoints[i] - (double) p.xpoints[i] * p.ypoints[j];
		return Math.abs(s) / 2;
	}
}
