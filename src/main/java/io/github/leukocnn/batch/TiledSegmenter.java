package io.github.leukocnn.batch;

import java.util.ArrayList;
import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.DiameterEstimator;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/**
 * Segments images too large to segment in one piece (whole slides, stitched fields) tile by tile,
 * so the working memory is that of one tile and only the image and its labels are held whole.
 * An image that fits ({@link #maxPixelsInOnePiece}) is passed to the wrapped segmenter unchanged.
 * <p>
 * Tiles have a core and a margin of 1.5 leukocyte diameters on each side (where the image allows);
 * a cell belongs to the tile whose core holds its centroid, so every cell is taken once and whole
 * (a leukocyte reaches at most about 0.7 diameters from its centroid). Cells are numbered tile by
 * tile (rows of tiles, then within a tile by the segmenter's order); bounding boxes, centroids and
 * {@code touchesBorder} are converted to the whole image, the other measurements are the tile's.
 * The diameter is estimated once for the whole image when not given, so all tiles use the same.
 */
public final class TiledSegmenter implements LeukocyteSegmenter {

	/**
	 * Memory per pixel of the whole image when it is segmented in tiles: the RGB pixels and two label
	 * images (4 + 2 + 2 bytes), plus headroom for decoding (a JPEG peaks at 7 bytes per pixel) and
	 * the tiles. Use it with {@link SmearImages#openRgb(java.nio.file.Path, long)}.
	 */
	public static final long BYTES_PER_PIXEL = 12;

	/** Margin around each tile core, in leukocyte diameters. */
	public static final double MARGIN = 1.5;

	private final LeukocyteSegmenter inner;
	private final long maxPixelsInOnePiece;

	/**
	 * Tiles images whose analysis in one piece ({@link SmearImages#BYTES_PER_PIXEL}) would take more
	 * than half the maximum heap (-Xmx8g: above 125 megapixels).
	 */
	public TiledSegmenter(LeukocyteSegmenter inner) {
		this(inner, 0);
	}

	/**
	 * @param maxPixelsInOnePiece images up to this many pixels are segmented whole, larger ones in tiles
	 *          of about this many pixels; 0 = half the maximum heap's worth
	 */
	public TiledSegmenter(LeukocyteSegmenter inner, long maxPixelsInOnePiece) {
		this.inner = inner;
		this.maxPixelsInOnePiece = maxPixelsInOnePiece;
	}

	/**
	 * Set, or from the maximum heap (half of it for one image's analysis), not from the memory free
	 * at the moment: so whether and how an image is tiled does not depend on what else runs.
	 */
	private long maxPixels() {
		if (maxPixelsInOnePiece > 0) return maxPixelsInOnePiece;
		return Runtime.getRuntime().maxMemory() / (2 * SmearImages.BYTES_PER_PIXEL);
	}

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1);
		long limit = maxPixels();
		if ((long) w * h <= limit) return inner.segment(rgb, settings);
		int[] argb = pixels(rgb, w, h);
		ProgressListener progress = settings.progress();
		double diameter = DiameterEstimator.diameter(new ColorProcessor(w, h, argb), settings);
		int margin = (int) Math.ceil(MARGIN * diameter);
		int tile = (int) Math.min(Integer.MAX_VALUE / 2, (long) Math.sqrt((double) limit));
		int core = Math.max(Math.max(tile - 2 * margin, 2 * margin), 64); // little memory: cores of at least 3 diameters
		int tilesX = (w + core - 1) / core, tilesY = (h + core - 1) / core;

		short[] cells = new short[w * h], nuclei = new short[w * h];
		List<CellMeasurements> all = new ArrayList<>();
		for (int ty = 0; ty < tilesY; ty++)
			for (int tx = 0; tx < tilesX; tx++) {
				progress.checkCancelled();
				int index = ty * tilesX + tx, total = tilesX * tilesY;
				int cx0 = tx * core, cy0 = ty * core, cx1 = Math.min(w, cx0 + core), cy1 = Math.min(h, cy0 + core);
				int ex0 = Math.max(0, cx0 - margin), ey0 = Math.max(0, cy0 - margin);
				int ex1 = Math.min(w, cx1 + margin), ey1 = Math.min(h, cy1 + margin), tw = ex1 - ex0, th = ey1 - ey0;
				int[] part = new int[tw * th];
				for (int y = 0; y < th; y++)
					System.arraycopy(argb, (ey0 + y) * w + ex0, part, y * tw, tw);
				Segmentation s = inner.segment(ArrayImgs.argbs(part, tw, th), new SegmentationSettings(diameter, settings.threads(),
					progress.subRange((double) index / total, (index + 1.0) / total)));
				short[] tc = s.cellPixels(), tn = s.nucleusPixels();
				for (CellMeasurements m : s.measurements()) {
					double gx = m.centroidX() + ex0, gy = m.centroidY() + ey0;
					if (gx < cx0 || gx >= cx1 || gy < cy0 || gy >= cy1) continue; // another tile's cell
					int id = all.size() + 1;
					if (id > 65535) throw new IllegalStateException("more than 65535 leukocytes in one image: 16-bit labels cannot number them; split the image");
					for (int y = m.bboxY(); y < m.bboxY() + m.bboxHeight(); y++)
						for (int x = m.bboxX(); x < m.bboxX() + m.bboxWidth(); x++) {
							int t = y * tw + x, g = (y + ey0) * w + x + ex0;
							if ((tc[t] & 0xffff) != m.id() || cells[g] != 0) continue;
							cells[g] = (short) id;
							if ((tn[t] & 0xffff) == m.id()) nuclei[g] = (short) id;
						}
					int bx = m.bboxX() + ex0, by = m.bboxY() + ey0;
					boolean border = bx == 0 || by == 0 || bx + m.bboxWidth() >= w || by + m.bboxHeight() >= h;
					all.add(new CellMeasurements(id, bx, by, m.bboxWidth(), m.bboxHeight(), gx, gy, m.area(), m.perimeter(), m.circularity(),
						m.solidity(), m.nucleusArea(), m.ncRatio(), m.meanRed(), m.meanGreen(), m.meanBlue(), border));
				}
			}
		progress.progress(1, "tiles done");
		return new Segmentation(ArrayImgs.unsignedShorts(cells, w, h), ArrayImgs.unsignedShorts(nuclei, w, h), List.copyOf(all), diameter);
	}

	/** The packed pixels of {@code rgb}: its own array when it is a plain ArrayImg, else a copy. */
	private static int[] pixels(RandomAccessibleInterval<ARGBType> rgb, int w, int h) {
		if (rgb instanceof ArrayImg<?, ?> img && img.update(null) instanceof IntArray ints && ints.getCurrentStorageArray().length == w * h && rgb.min(0) == 0 && rgb.min(1) == 0)
			return ints.getCurrentStorageArray();
		int[] copy = new int[w * h];
		Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
		for (int i = 0; c.hasNext(); i++)
			copy[i] = c.next().get();
		return copy;
	}
}
