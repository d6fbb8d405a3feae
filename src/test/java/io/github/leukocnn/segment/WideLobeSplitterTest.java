package io.github.leukocnn.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ij.IJ;
import io.github.leukocnn.progress.CancelledException;

class WideLobeSplitterTest {

	private static final int W = 160, H = 120;
	/** Leukocyte diameter of these masks: nuclei of radius 0.4·D, as blasts have. */
	private static final double D = 40;

	private static void disc(byte[] m, double cx, double cy, double r) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m[y * W + x] = 1;
	}

	private static int[] split(byte[] mask, int[] count) {
		int[] lobes = Labels.components(mask, W, H, count);
		int[] cutFrom = WideLobeSplitter.split(lobes, count[0], mask, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * D);
		count[0] = cutFrom.length - 1;
		return lobes;
	}

	@Test
	void aTightClusterOfFourTouchingNucleiBecomesFourLobesOfOneFamily() {
		byte[] m = new byte[W * H];
		for (double[] c : new double[][] { { 50, 36 }, { 84, 36 }, { 50, 70 }, { 84, 70 } })
			disc(m, c[0], c[1], 18); // centres 34 px apart, radius 18: one connected lobe 70 px = 1.75·D wide
		disc(m, 136, 104, 12); // a separate nucleus
		int[] count = new int[1];
		int[] lobes = split(m, count);
		assertEquals(5, count[0], "four nuclei and the separate one");
		int a = lobes[36 * W + 50], b = lobes[36 * W + 84], c = lobes[70 * W + 50], d = lobes[70 * W + 84];
		assertEquals(4, IntStream.of(a, b, c, d).distinct().count(), "each nucleus its own lobe");
		int[] again = Labels.components(m, W, H, new int[1]);
		int[] cutFrom = WideLobeSplitter.split(again, 5, m, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * D);
		assertEquals(0, cutFrom[again[104 * W + 136]], "lobes that fit one nucleus are not cut (nor, once cut, cut again)");
	}

	@Test
	void theFourPiecesOfACutClusterRecordTheirCommonOrigin() {
		byte[] m = new byte[W * H];
		for (double[] c : new double[][] { { 50, 36 }, { 84, 36 }, { 50, 70 }, { 84, 70 } })
			disc(m, c[0], c[1], 18);
		int[] count = new int[1];
		int[] lobes = Labels.components(m, W, H, count);
		int[] cutFrom = WideLobeSplitter.split(lobes, count[0], m, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * D);
		assertEquals(4, cutFrom.length - 1);
		for (int l = 1; l <= 4; l++)
			assertEquals(1, cutFrom[l], "piece " + l + " was cut from lobe 1");
	}

	@Test
	void aLobeThatFitsOneNucleusIsNotCutWhateverItsShape() {
		byte[] m = new byte[W * H];
		// three overlapping lobes of a segmented neutrophil, 1.2·D wide: under the span limit
		disc(m, 60, 60, 9);
		disc(m, 74, 60, 9);
		disc(m, 88, 60, 9);
		byte[] before = m.clone();
		int[] count = new int[1];
		int[] lobes = split(m, count);
		assertEquals(1, count[0]);
		assertArrayEquals(before, m, "nothing cut");
		assertEquals(1, lobes[60 * W + 60]);
	}

	@Test
	void twoTouchingNucleiWiderThanOneAreCutAndNotJoinedAgainByLobeGrouping() {
		byte[] m = new byte[W * H];
		float[] f = new float[W * H];
		disc(m, 50, 60, 18);
		disc(m, 86, 60, 18); // overlap 0: centres 36 apart, radii 18 → touching, span 72 px = 1.8·D
		for (int i = 0; i < m.length; i++)
			f[i] = m[i];
		int[] count = new int[1];
		int[] lobes = Labels.components(m, W, H, count);
		assertEquals(1, count[0], "one connected lobe before");
		int[] cutFrom = WideLobeSplitter.split(lobes, count[0], m, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * D);
		assertEquals(2, cutFrom.length - 1);
		assertNotEquals(lobes[60 * W + 50], lobes[60 * W + 86]);
		// grouping with a gap rule that would join them (cut line 1 px) and a span limit they would pass (2.0·D)
		int[] groups = LobeGrouping.group(lobes, 2, m, f, W, H, 0.16 * D, 0.25 * D, 2.0 * D, 10, cutFrom, count);
		assertEquals(2, count[0], "two pieces with a nucleus's chromatin each stay two nuclei");
		int[] without = LobeGrouping.group(Labels.components(m, W, H, new int[1]), 2, m, f, W, H, 0.16 * D, 0.25 * D, 2.0 * D,
			10, null, count);
		assertEquals(1, count[0], "without the cut's record they would be joined again");
		assertNotEquals(groups[60 * W + 50], groups[60 * W + 86]);
		assertEquals(without[60 * W + 50], without[60 * W + 86]);
	}

	@Test
	void escInImageJStopsTheCutWithACancellation() {
		byte[] m = new byte[W * H];
		disc(m, 50, 60, 18);
		disc(m, 86, 60, 18);
		int[] count = new int[1];
		int[] lobes = Labels.components(m, W, H, count);
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		try {
			assertThrows(CancelledException.class,
				() -> WideLobeSplitter.split(lobes, count[0], m, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
					SmearSegmenter.NUCLEUS_NECK_DEPTH * D));
		}
		finally {
			IJ.resetEscape();
		}
		int[] again = Labels.components(m, W, H, count);
		assertEquals(2, WideLobeSplitter.split(again, count[0], m, W, H, SmearSegmenter.MAX_NUCLEUS_SPAN * D,
			SmearSegmenter.NUCLEUS_NECK_DEPTH * D).length - 1, "cut once Esc is released");
	}
}
