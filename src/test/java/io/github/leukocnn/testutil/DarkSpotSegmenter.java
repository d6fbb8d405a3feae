package io.github.leukocnn.testutil;

import java.util.ArrayList;
import java.util.List;

import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/**
 * A deterministic stand-in segmenter for tests of commands and reports: every 4-connected blob of
 * dark pixels (mean of R, G, B below 128) is one cell, and also its nucleus. Only id, bbox,
 * centroid and area are measured (the rest is 0), enough to check tables and counting.
 */
public final class DarkSpotSegmenter implements LeukocyteSegmenter {

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		boolean[] dark = new boolean[w * h];
		Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
		for (int i = 0; c.hasNext(); i++) {
			int v = c.next().get();
			dark[i] = (ARGBType.red(v) + ARGBType.green(v) + ARGBType.blue(v)) / 3 < 128;
		}
		short[] labels = new short[w * h];
		List<CellMeasurements> cells = new ArrayList<>();
		int[] stack = new int[w * h];
		int next = 0;
		for (int start = 0; start < w * h; start++) {
			if (!dark[start] || labels[start] != 0) continue;
			settings.progress().checkCancelled();
			int id = ++next;
			int top = 0, minX = w, minY = h, maxX = -1, maxY = -1;
			long area = 0;
			double sx = 0, sy = 0;
			stack[top++] = start;
			labels[start] = (short) id;
			while (top > 0) {
				int p = stack[--top], x = p % w, y = p / w;
				area++;
				sx += x;
				sy += y;
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				minY = Math.min(minY, y);
				maxY = Math.max(maxY, y);
				int[] nb = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (int q : nb)
					if (q >= 0 && dark[q] && labels[q] == 0) {
						labels[q] = (short) id;
						stack[top++] = q;
					}
			}
			boolean border = minX == 0 || minY == 0 || maxX == w - 1 || maxY == h - 1;
			cells.add(new CellMeasurements(id, minX, minY, maxX - minX + 1, maxY - minY + 1, sx / area, sy / area, area, 0, 0, 0,
				area, 0, 0, 0, 0, border));
		}
		return new Segmentation(ArrayImgs.unsignedShorts(labels, w, h), ArrayImgs.unsignedShorts(labels.clone(), w, h), cells,
			settings.estimateDiameter() ? 20 : settings.cellDiameter());
	}
}
