package io.github.leukocnn.ij;

import java.util.ArrayList;
import java.util.List;

import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * Test double of the segmenter, with a known answer: every 4-connected region of dark-red pixels
 * (red < 180) is one cell, labelled in raster order. Remembers the settings it was called with.
 */
public final class ThresholdSegmenter implements LeukocyteSegmenter {

	public SegmentationSettings lastSettings;

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		lastSettings = settings;
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		int[] argb = new int[w * h];
		int k = 0;
		for (ARGBType t : Views.flatIterable(rgb))
			argb[k++] = t.get();
		short[] labels = new short[w * h];
		List<CellMeasurements> cells = new ArrayList<>();
		int[] stack = new int[w * h];
		for (int start = 0; start < labels.length; start++) {
			if (labels[start] != 0 || !dark(argb[start])) continue;
			settings.progress().checkCancelled();
			int id = cells.size() + 1, top = 0, area = 0;
			int minX = w, minY = h, maxX = -1, maxY = -1;
			double sx = 0, sy = 0;
			stack[top++] = start;
			labels[start] = (short) id;
			while (top > 0) {
				int p = stack[--top], x = p % w, y = p / w;
				area++;
				sx += x;
				sy += y;
				minX = Math.min(minX, x); maxX = Math.max(maxX, x);
				minY = Math.min(minY, y); maxY = Math.max(maxY, y);
				int[] next = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (int q : next)
					if (q >= 0 && labels[q] == 0 && dark(argb[q])) {
						labels[q] = (short) id;
						stack[top++] = q;
					}
			}
			boolean border = minX == 0 || minY == 0 || maxX == w - 1 || maxY == h - 1;
			cells.add(new CellMeasurements(id, minX, minY, maxX - minX + 1, maxY - minY + 1, sx / area, sy / area,
				area, 0, 1, 1, area, Double.POSITIVE_INFINITY, 120, 60, 160, border));
			settings.progress().progress((double) start / labels.length, "cell " + id);
		}
		ArrayImg<UnsignedShortType, ShortArray> cellImg = ArrayImgs.unsignedShorts(labels, w, h);
		ArrayImg<UnsignedShortType, ShortArray> nuclei = ArrayImgs.unsignedShorts(labels.clone(), w, h);
		return new Segmentation(cellImg, nuclei, cells, settings.cellDiameter());
	}

	private static boolean dark(int argb) {
		return ((argb >> 16) & 0xff) < 180;
	}
}
