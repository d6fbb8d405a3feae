package io.github.leukocnn.image;

import ij.process.ColorProcessor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;

/** ImgLib2 views on ImageJ 1 RGB pixel arrays, without copying. */
public final class RgbImages {

	private RgbImages() {}

	/** Wraps the pixels of {@code cp}: writes to either are seen by both. */
	public static ArrayImg<ARGBType, IntArray> wrap(ColorProcessor cp) {
		return ArrayImgs.argbs((int[]) cp.getPixels(), cp.getWidth(), cp.getHeight());
	}
}
