package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Shape measurements of a cell label that carries stray pixels beside the cell. */
class CellMeasurerTest {

	@Test
	void perimeterAndSolidityAreThoseOfTheCellNotOfAStrayPiece() {
		// label 1: two stray pixels at the top left (first in raster order), then a 20 x 20 square
		int w = 40, h = 40;
		short[] cells = new short[w * h], nuclei = new short[w * h];
		cells[1 * w + 1] = 1;
		cells[1 * w + 2] = 1;
		for (int y = 10; y < 30; y++)
			for (int x = 10; x < 30; x++) {
				cells[y * w + x] = 1;
				if (x >= 15 && x < 25 && y >= 15 && y < 25) nuclei[y * w + x] = 1;
			}
		int[] argb = new int[w * h];
		java.util.Arrays.fill(argb, 0xffc08080);
		List<CellMeasurements> m = CellMeasurer.measure(cells, nuclei, argb, w, h, 1);
		assertEquals(1, m.size());
		CellMeasurements c = m.get(0);
		assertEquals(402, c.area(), 1e-9, "the area counts every pixel of the label");
		// the square's traced outline: ImageJ's traced-ROI length of a 20 x 20 square is about 80 (a stray pair: about 6)
		assertEquals(80, c.perimeter(), 4);
		assertEquals(1.0, c.solidity(), 0.02, "the square is convex");
	}

	@Test
	void theLargestPieceStartsOnItsOuterBoundary() {
		int w = 6, h = 5;
		byte[] mask = new byte[w * h];
		mask[0] = 1; // a one-pixel piece, first in raster order
		for (int y = 2; y < 5; y++)
			for (int x = 2; x < 6; x++)
				mask[y * w + x] = 1;
		assertEquals(2 * w + 2, LabelPieces.largestPieceStart(mask, w, h));
		assertEquals(-1, LabelPieces.largestPieceStart(new byte[w * h], w, h));
	}
}
