package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

class LabelTiffWriterTest {

	@Test
	void roundTripKeepsSixteenBitValues(@TempDir Path dir) throws IOException {
		int w = 7, h = 5;
		short[] px = new short[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) (i * 1931 % 65536); // includes values above 32767
		px[3] = (short) 65535;
		ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(px, w, h);
		Path f = dir.resolve("x_cells.tif");
		LabelTiffWriter.write(f, false, img);
		ImagePlus back = IJ.openImage(f.toString());
		assertNotNull(back);
		assertEquals(16, back.getBitDepth());
		assertEquals(w, back.getWidth());
		assertEquals(h, back.getHeight());
		assertArrayEquals(px, (short[]) back.getProcessor().getPixels());
		assertThrows(AtomicFiles.OutputExistsException.class, () -> LabelTiffWriter.write(f, false, img));
	}

	@Test
	void wrapsWithoutCopying() {
		short[] px = new short[6];
		ImagePlus imp = LabelTiffWriter.wrap("t", px, 3, 2);
		px[4] = 9;
		assertEquals(9, imp.getProcessor().get(1, 1));
		assertThrows(IllegalArgumentException.class, () -> LabelTiffWriter.wrap("t", px, 4, 2));
	}

	@Test
	void emptyLabelImageIsValid(@TempDir Path dir) throws IOException {
		Path f = dir.resolve("empty.tif");
		LabelTiffWriter.write(f, false, ArrayImgs.unsignedShorts(1, 1));
		assertTrue(Files.size(f) > 0);
		assertEquals(0, IJ.openImage(f.toString()).getProcessor().get(0, 0));
	}
}
