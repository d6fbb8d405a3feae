package io.github.leukocnn.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ij.process.ColorProcessor;

/** JPEG files of RGB images, written atomically; for large sample fields where PNG would be too big. */
public final class JpegWriter {

	private JpegWriter() {}

	/** @param quality 0..1, e.g. 0.92 */
	public static void write(AtomicFiles.Group group, Path target, ColorProcessor cp, float quality) throws IOException {
		int w = cp.getWidth(), h = cp.getHeight();
		BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		image.getRaster().setDataElements(0, 0, w, h, cp.getPixels());
		group.write(target, out -> {
			ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
			try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(ios);
				ImageWriteParam param = writer.getDefaultWriteParam();
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality);
				writer.write(null, new IIOImage(image, null, null), param);
			}
			finally {
				writer.dispose();
			}
		});
	}
}
