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

class PngWriterTest {

	@Test
	void rgbAndGreyRoundTripLosslessly(@TempDir Path dir) throws IOException {
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
	}
}
