package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.process.ColorProcessor;

/** Checks that an ImageJ image is a smear LeukoCNN can read, with a message that says what to do. */
public final class ImageInput {

	private ImageInput() {}

	/** The RGB pixels of {@code imp}, or an IllegalArgumentException that says what is wrong. */
	public static ColorProcessor rgb(ImagePlus imp) {
		if (imp == null)
			throw new IllegalArgumentException("No image open: open an RGB blood-smear image first.");
		if (imp.getStackSize() > 1)
			throw new IllegalArgumentException("'" + imp.getTitle() + "' is a stack of " + imp.getStackSize() +
				" images: LeukoCNN needs a single RGB smear image (use Image>Stacks>Stack to Images, or the batch macro).");
		if (imp.getType() != ImagePlus.COLOR_RGB)
			throw new IllegalArgumentException("'" + imp.getTitle() + "' is " + typeName(imp) +
				": LeukoCNN needs an RGB colour smear image (Image>Type>RGB Color converts a 3-channel composite).");
		return (ColorProcessor) imp.getProcessor();
	}

	private static String typeName(ImagePlus imp) {
		return switch (imp.getType()) {
			case ImagePlus.GRAY8 -> "8-bit greyscale";
			case ImagePlus.GRAY16 -> "16-bit greyscale";
			case ImagePlus.GRAY32 -> "32-bit greyscale";
			case ImagePlus.COLOR_256 -> "8-bit indexed colour";
			default -> "not RGB";
		};
	}
}
