package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LobeGroupingTest {

	private static final int W = 120, H = 80;

	private static void disc(byte[] m, float[] f, double cx, double cy, double r, float level) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
					m[y * W + x] = 1;
					f[y * W + x] = level;
				}
	}

	private static int at(int[] labels, double x, double y) {
		return labels[(int) y * W + (int) x];
	}

	@Test
	void lobesWithSmallGapsFormOneGroup() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, f, 40, 40, 7, 1);
		disc(m, f, 58, 40, 7, 1); // gap 3 px
		disc(m, f, 76, 40, 7, 1); // gap 3 px
		int[] count = new int[1];
		int[] g = LobeGrouping.group(m, f, W, H, 5, 5, 60, 0, count);
		assertEquals(1, count[0]);
		assertEquals(1, at(g, 40, 40));
		assertEquals(1, at(g, 76, 40));
		assertEquals(0, at(g, 10, 10));
	}

	@Test
	void gapAboveTheLimitKeepsGroupsApart() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, f, 40, 40, 7, 1);
		disc(m, f, 66, 40, 7, 1); // gap 11 px
		int[] count = new int[1];
		LobeGrouping.group(m, f, W, H, 5, 5, 60, 0, count);
		assertEquals(2, count[0]);
	}

	@Test
	void nucleiTooWideTogetherForOneCellStayApart() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, f, 35, 40, 18, 1);
		disc(m, f, 76, 40, 18, 1); // gap 4 px, together 77 px wide
		int[] count = new int[1];
		int[] g = LobeGrouping.group(m, f, W, H, 6, 6, 60, 0, count);
		assertEquals(2, count[0]);
		assertNotEquals(at(g, 35, 40), at(g, 76, 40));
		LobeGrouping.group(m, f, W, H, 6, 6, 80, 0, count);
		assertEquals(1, count[0], "the same pair fits a larger cell");
	}

	@Test
	void fragmentWithTooLittleChromatinJoinsItsNeighbour() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, f, 40, 40, 12, 1);
		disc(m, f, 66, 40, 4, 1); // gap 9 px: above the lobe gap, within the orphan gap
		int[] count = new int[1];
		int[] g = LobeGrouping.group(m, f, W, H, 5, 12, 60, 100, count);
		assertEquals(1, count[0]);
		assertEquals(at(g, 40, 40), at(g, 66, 40));
		// a fragment with enough chromatin is a nucleus of its own
		LobeGrouping.group(m, f, W, H, 5, 12, 60, 40, count);
		assertEquals(2, count[0]);
	}

	@Test
	void groupsAreNumberedInRasterOrder() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, f, 90, 15, 6, 1);
		disc(m, f, 20, 60, 6, 1);
		disc(m, f, 40, 60, 6, 1);
		int[] count = new int[1];
		int[] g = LobeGrouping.group(m, f, W, H, 10, 10, 60, 0, count);
		assertEquals(2, count[0]);
		assertEquals(1, at(g, 90, 15));
		assertEquals(2, at(g, 20, 60));
		assertEquals(2, at(g, 40, 60));
		assertArrayEquals(g, LobeGrouping.group(m, f, W, H, 10, 10, 60, 0, count), "deterministic");
	}
}
