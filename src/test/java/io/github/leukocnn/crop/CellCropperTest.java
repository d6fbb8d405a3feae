package io.github.leukocnn.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Crops are centred, scale-normalised, padded at borders and rotate/mirror correctly. */
class CellCropperTest {

	/** A white image with a dark disc of the given diameter at (cx, cy). */
	static int[] disc(int w, int h, double cx, double cy, double d) {
		int[] p = new int[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				p[y * w + x] = Math.hypot(x - cx, y - cy) <= d / 2 ? 0xff402080 : 0xffffffff;
		return p;
	}

	/** Fraction of dark (red < 0.5) pixels in the R plane of a crop. */
	static double darkFraction(float[] c, int size) {
		int n = 0;
		for (int i = 0; i < size * size; i++) if (c[i] < 0.5f) n++;
		return (double) n / (size * size);
	}

	@Test
	void smallAndLargeCellsLookAlike() {
		CropSpec spec = new CropSpec(32, 0.5);
		float[] a = new float[spec.floats()], b = new float[spec.floats()];
		CellCropper.crop(disc(200, 150, 80, 70, 30), 200, 150, 80, 70, 30, spec, a, 0);
		CellCropper.crop(disc(1000, 900, 500, 400, 200), 1000, 900, 500, 400, 200, spec, b, 0);
		double expected = Math.PI * 0.25 * 0.25; // disc of diameter half the crop side
		assertEquals(expected, darkFraction(a, 32), 0.03);
		assertEquals(expected, darkFraction(b, 32), 0.03);
		// centre is dark, corners are white
		assertTrue(a[16 * 32 + 16] < 0.5f && a[0] > 0.9f && b[31 * 32 + 31] > 0.9f);
		// channels are planar R, G, B of 0xff402080
		assertEquals(0x40 / 255f, a[16 * 32 + 16], 1e-3);
		assertEquals(0x20 / 255f, a[1024 + 16 * 32 + 16], 1e-3);
		assertEquals(0x80 / 255f, a[2048 + 16 * 32 + 16], 1e-3);
	}

	@Test
	void borderCellsArePaddedNotDropped() {
		CropSpec spec = new CropSpec(32, 0.5);
		float[] c = new float[spec.floats()];
		// cell centred on the image corner: three quarters of the crop lie outside the image
		CellCropper.crop(disc(100, 100, 0, 0, 30), 100, 100, 0, 0, 30, spec, c, 0);
		for (float v : c) assertTrue(v >= 0 && v <= 1);
		assertTrue(darkFraction(c, 32) > 0.05, "the padded crop still shows the cell");
	}

	@Test
	void writesAtOffsetWithoutTouchingOthers() {
		CropSpec spec = new CropSpec(16, 0.5);
		float[] buf = new float[3 * spec.floats()];
		java.util.Arrays.fill(buf, -1);
		CellCropper.crop(disc(64, 64, 32, 32, 20), 64, 64, 32, 32, 20, spec, buf, spec.floats());
		assertEquals(-1, buf[spec.floats() - 1]);
		assertEquals(-1, buf[2 * spec.floats()]);
		assertTrue(buf[spec.floats()] >= 0);
	}

	@Test
	void mirrorAndRotationMoveAnOffCentreMark() {
		int w = 64;
		int[] img = new int[w * w];
		java.util.Arrays.fill(img, 0xffffffff);
		img[32 * w + 48] = 0xff000000; // a dark pixel right of centre
		float[] c = new float[3 * 33 * 33];
		CellCropper.crop(img, w, w, 32, 32, 33, 0, false, 33, c, 0);
		assertTrue(c[16 * 33 + 32] < 0.1f);
		CellCropper.crop(img, w, w, 32, 32, 33, 0, true, 33, c, 0);
		assertTrue(c[16 * 33 + 0] < 0.1f, "mirrored to the left");
		CellCropper.crop(img, w, w, 32, 32, 33, Math.PI / 2, false, 33, c, 0);
		assertTrue(c[0 * 33 + 16] < 0.1f, "rotated by 90°: now above the centre");
	}

	@Test
	void rejectsTooSmallBufferAndBadSpec() {
		assertThrows(IllegalArgumentException.class, () -> CellCropper.crop(new int[100], 10, 10, 5, 5, 5, new CropSpec(16, 0.5), new float[10], 0));
		assertThrows(IllegalArgumentException.class, () -> new CropSpec(4, 0.5));
		assertThrows(IllegalArgumentException.class, () -> new CropSpec(32, 1.5));
	}

	@Test
	void roundTripToArgb() {
		float[] c = new float[3 * 4];
		c[0] = 1f;
		c[4] = 0.5f;
		c[8] = 0f;
		int[] p = CellCropper.toArgb(c, 0, 2);
		assertEquals(0xffff8000, p[0]);
	}
}
