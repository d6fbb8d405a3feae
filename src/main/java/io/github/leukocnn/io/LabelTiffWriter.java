package io.github.leukocnn.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.process.ShortProcessor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * Saves label images (0 = background, 1..n = object ids) as 16-bit ImageJ TIFFs, the format that
 * ImageJ, Fiji, MorphoLibJ and Labkit read as labels. The label array is wrapped by a
 * {@link ShortProcessor}, not copied, and the file is written atomically (see {@link AtomicFiles}).
 */
public final class LabelTiffWriter {

	private LabelTiffWriter() {}

	public static void write(Path target, boolean overwrite, ArrayImg<UnsignedShortType, ShortArray> labels) throws IOException {
		try (AtomicFiles.Group group = new AtomicFiles.Group(overwrite)) {
			write(group, target, labels);
			group.commit();
		}
	}

	/** Stages {@code target} in {@code group}; it appears when the group commits. */
	public static void write(AtomicFiles.Group group, Path target, ArrayImg<UnsignedShortType, ShortArray> labels) throws IOException {
		if (labels.numDimensions() != 2) throw new IllegalArgumentException("label image must be 2D, has " + labels.numDimensions() + " dimensions");
		short[] pixels = labels.update(null).getCurrentStorageArray();
		write(group, target, pixels, (int) labels.dimension(0), (int) labels.dimension(1));
	}

	/** Stages a {@code width}×{@code height} label image given as a row-major unsigned 16-bit array. */
	public static void write(AtomicFiles.Group group, Path target, short[] pixels, int width, int height) throws IOException {
		ImagePlus imp = wrap(target.getFileName().toString(), pixels, width, height);
		// What FileSaver.saveAsTiff does, minus its error dialog: ImageJ's description header, then the pixels.
		FileInfo info = imp.getFileInfo();
		info.description = new FileSaver(imp).getDescriptionString();
		group.write(target, out -> new TiffEncoder(info).write(new DataOutputStream(out)));
	}

	/** An ImagePlus on the label array (no copy), displayed from 0 to the largest id. */
	public static ImagePlus wrap(String title, short[] pixels, int width, int height) {
		if (pixels.length != (long) width * height)
			throw new IllegalArgumentException("label array has " + pixels.length + " pixels, expected " + width + "x" + height);
		ShortProcessor sp = new ShortProcessor(width, height, pixels, null);
		int max = 0;
		for (short s : pixels)
			max = Math.max(max, s & 0xffff);
		sp.setMinAndMax(0, Math.max(1, max));
		return new ImagePlus(title, sp);
	}
}
