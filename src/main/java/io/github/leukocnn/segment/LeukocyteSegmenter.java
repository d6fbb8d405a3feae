package io.github.leukocnn.segment;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * Finds every leukocyte (whole cell and nucleus) in an RGB smear image. Red cells, platelets and
 * background are not leukocytes; touching leukocytes are split; a lobed nucleus stays one cell.
 * Implementations are deterministic: the same image and settings give the same labels.
 */
public interface LeukocyteSegmenter {

	/**
	 * @param rgb a 2D RGB image (ARGB packed; alpha ignored), e.g. an IJ1 ColorProcessor wrapped by
	 *          {@code io.github.leukocnn.image.RgbImages.wrap}
	 */
	Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings);
}
