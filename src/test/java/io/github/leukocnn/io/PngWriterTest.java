package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

class PngWriterTest {

	@Test
	void rgbGreyAndLabelsRoundTripLosslessly(@TempDir Path dir) throws IOException {
		ColorProcessor cp = new ColorProcessor(5, 4);
		for (int i = 0; i < 20; i++)
			cp.set(i, 0x123456 * (i + 1) & 0xffffff);
		Path f = dir.resolve("rgb.png");
		PngWriter.write(f, false, cp);
		BufferedImage back = ImageIO.read(f.toFile());
		for (int i = 0; i < 20; i++)
			assertEquals(cp.get(i) & 0xffffff, back.getRGB(i % 5, i / 5) & 0xffffff);
		assertThrows(AtomicFiles.OutputExistsException.class, () -> PngWriter.write(f, false, cp));

		ByteProcessor bp = new ByteProcessor(3, 2, new byte[] { 0, 1, 2, (byte) 200, (byte) 254, (byte) 255 });
		Path g = dir.resolve("grey.png");
		PngWriter.write(g, false, bp);
		BufferedImage gb = ImageIO.read(g.toFile());
		assertEquals(BufferedImage.TYPE_BYTE_GRAY, gb.getType());
		assertEquals(200, gb.getRaster().getSample(0, 1, 0));
		assertEquals(255, gb.getRaster().getSample(2, 1, 0));

		ShortProcessor labels = new ShortProcessor(3, 1, new short[] { 0, 7, (short) 60000 }, null);
		Path l = dir.resolve("labels.png");
		PngWriter.write(l, false, labels);
		BufferedImage lb = ImageIO.read(l.toFile());
		assertEquals(BufferedImage.TYPE_USHORT_GRAY, lb.getType(), "16-bit stays 16-bit");
		assertEquals(7, lb.getRaster().getSample(1, 0, 0));
		assertEquals(60000, lb.getRaster().getSample(2, 0, 0), "values kept, not scaled");
	}
}
