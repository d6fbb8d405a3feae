package io.github.leukocnn.testutil;

import java.util.ArrayList;
import java.util.List;

import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * Test stand-in for the real segmenter: a cell is an 8-connected blob of pixels darker than
 * {@link #CELL} (mean of R, G, B), its nucleus the part darker than {@link #NUCLEUS}. Enough to test
 * the batch and file plumbing with known answers.
 */
public final class DarkBlobSegmenter implements LeukocyteSegmenter {

	public static final int CELL = 150, NUCLEUS = 90;

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		int[] px = new int[w * h];
		Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
		for (int i = 0; c.hasNext(); i++)
			px[i] = c.next().get();
		short[] cells = new short[w * h], nuclei = new short[w * h];
		int next = 0;
		List<CellMeasurements> ms = new ArrayList<>();
		int[] stack = new int[w * h];
		for (int start = 0; start < px.length; start++) {
			if (cells[start] != 0 || grey(px[start]) >= CELL) continue;
			settings.progress().checkCancelled();
			int id = ++next, n = 0, top = 0;
			stack[top++] = start;
			cells[start] = (short) id;
			long sx = 0, sy = 0, r = 0, g = 0, b = 0;
			int minX = w, minY = h, maxX = -1, maxY = -1, nucleusArea = 0;
			while (top > 0) {
				int p = stack[--top], x = p % w, y = p / w;
				n++;
				sx += x;
				sy += y;
				r += (px[p] >> 16) & 0xff;
				g += (px[p] >> 8) & 0xff;
				b += px[p] & 0xff;
				minX = Math.min(minX, x);
				minY = Math.min(minY, y);
				maxX = Math.max(maxX, x);
				maxY = Math.max(maxY, y);
				if (grey(px[p]) < NUCLEUS) {
					nuclei[p] = (short) id;
					nucleusArea++;
				}
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx, yy = y + dy;
						if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
						int q = yy * w + xx;
						if (cells[q] == 0 && grey(px[q]) < CELL) {
							cells[q] = (short) id;
							stack[top++] = q;
						}
					}
			}
			boolean border = minX == 0 || minY == 0 || maxX == w - 1 || maxY == h - 1;
			ms.add(new CellMeasurements(id, minX, minY, maxX - minX + 1, maxY - minY + 1, (double) sx / n, (double) sy / n, n,
				Double.NaN, Double.NaN, Double.NaN, nucleusArea, n > nucleusArea ? nucleusArea / (double) (n - nucleusArea) : Double.POSITIVE_INFINITY,
				(double) r / n, (double) g / n, (double) b / n, border));
		}
		ArrayImg<UnsignedShortType, ShortArray> cellImg = ArrayImgs.unsignedShorts(cells, w, h);
		ArrayImg<UnsignedShortType, ShortArray> nucleusImg = ArrayImgs.unsignedShorts(nuclei, w, h);
		return new Segmentation(cellImg, nucleusImg, ms, settings.cellDiameter() > 0 ? settings.cellDiameter() : 40);
	}

	private static int grey(int argb) {
		return (((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff)) / 3;
	}
}
