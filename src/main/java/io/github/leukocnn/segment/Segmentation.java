package io.github.leukocnn.segment;

import java.util.List;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * Result of segmenting one RGB field: whole-leukocyte labels, nucleus labels with the same ids
 * (0 = background), and one {@link CellMeasurements} per id, ordered by id (1..n).
 *
 * @param cellDiameter the leukocyte diameter in pixels that was used (given or estimated)
 */
public record Segmentation(
	ArrayImg<UnsignedShortType, ShortArray> cells,
	ArrayImg<UnsignedShortType, ShortArray> nuclei,
	List<CellMeasurements> measurements,
	double cellDiameter)
{
	public int width() {
		return (int) cells.dimension(0);
	}

	public int height() {
		return (int) cells.dimension(1);
	}

	public int cellCount() {
		return measurements.size();
	}

	/** The backing array of the cell labels (row-major, unsigned 16 bit), not a copy. */
	public short[] cellPixels() {
		return cells.update(null).getCurrentStorageArray();
	}

	/** The backing array of the nucleus labels (row-major, unsigned 16 bit), not a copy. */
	public short[] nucleusPixels() {
		return nuclei.update(null).getCurrentStorageArray();
	}
}
