package io.github.leukocnn.segment.eval;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;


/** Reading greyscale ground-truth masks headlessly through ImageIO (RGB images: {@link io.github.leukocnn.io.SmearImages}). */
public final class MaskImages {

	private MaskImages() {}

	/** First band of a grey (or indexed) image as 0..255 values. */
	public static int[] readGrey(Path file, int[] size) throws IOException {
		BufferedImage img = ImageIO.read(file.toFile());
		if (img == null) throw new IOException("not a readable image: " + file);
		Raster r = img.getRaster();
		size[0] = img.getWidth();
		size[1] = img.getHeight();
		return r.getSamples(0, 0, size[0], size[1], 0, new int[size[0] * size[1]]);
	}
}
