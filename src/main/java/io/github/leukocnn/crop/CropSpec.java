package io.github.leukocnn.crop;

/**
 * How a cell becomes a network input: a square crop of {@code size}×{@code size} pixels centred on
 * the cell, scaled so that the cell diameter spans {@code cellFraction} of the crop side. Scaling by
 * the diameter makes a 30-px and a 200-px cell look alike to the network.
 *
 * @param size crop side in pixels (network input width and height)
 * @param cellFraction cell diameter / crop side, in (0, 1]
 */
public record CropSpec(int size, double cellFraction) {

	public CropSpec {
		if (size < 8 || size > 512) throw new IllegalArgumentException("crop size must be 8..512 px, got " + size);
		if (!(cellFraction > 0 && cellFraction <= 1))
			throw new IllegalArgumentException("cell fraction must be in (0, 1], got " + cellFraction);
	}

	/** Side of the source square (in source pixels) that maps onto the crop, for a cell of this diameter. */
	public double sourceSide(double cellDiameter) {
		return cellDiameter / cellFraction;
	}

	/** Floats per crop: 3 channels × size × size. */
	public int floats() {
		return 3 * size * size;
	}
}
