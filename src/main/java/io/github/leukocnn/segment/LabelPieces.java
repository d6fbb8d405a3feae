package io.github.leukocnn.segment;

/**
 * The pieces (8-connected parts) of one label. Smoothing a cell's outline can cut a thin neck, so a
 * label may hold a few stray pixels beside the cell; its outline and shape are those of its largest
 * piece, not of whichever piece comes first in raster order.
 */
public final class LabelPieces {

	private LabelPieces() {}

	/**
	 * The index of the first pixel, in raster order, of the largest 8-connected piece of the non-zero
	 * pixels of {@code mask} (ties: the piece that comes first); that pixel lies on the piece's outer
	 * boundary, so ImageJ's {@code Wand} traces the piece's outline from it. -1 if the mask is empty.
	 */
	public static int largestPieceStart(byte[] mask, int w, int h) {
		int[] count = new int[1];
		int[] pieces = Labels.components(mask, w, h, count);
		if (count[0] == 0) return -1;
		int[] size = new int[count[0] + 1], first = new int[count[0] + 1];
		java.util.Arrays.fill(first, -1);
		for (int i = 0; i < pieces.length; i++) {
			int p = pieces[i];
			if (p == 0) continue;
			size[p]++;
			if (first[p] < 0) first[p] = i;
		}
		int best = 1; // pieces are numbered in raster order of their first pixel
		for (int p = 2; p <= count[0]; p++)
			if (size[p] > size[best]) best = p;
		return first[best];
	}
}
