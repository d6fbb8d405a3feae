package io.github.leukocnn.segment;

import ij.plugin.filter.EDM;
import ij.plugin.filter.MaximumFinder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.leukocnn.progress.CancelledException;

/**
 * Splits nucleus lobes that are too wide to be one leukocyte's nucleus (span above the grouping
 * limit) at the necks of their distance map: the touching nuclei of a tight cluster of blasts form
 * one connected lobe, which lobe grouping cannot take apart. ImageJ's Euclidean distance map and
 * its maxima finder in segmentation mode do the split (the algorithm of Process › Binary ›
 * Watershed), with a prominence of {@code minDepth} instead of half a pixel, so that only necks
 * clearly narrower than the nuclei they join are cut, not the ripples of a ragged outline.
 */
final class WideLobeSplitter {

	private WideLobeSplitter() {}

	/**
	 * Splits, in place, every lobe of {@code lobes} (1..n, raster order, the 8-connected components of
	 * {@code mask}) whose span exceeds {@code maxSpan}: the cut lines leave {@code mask}, and
	 * {@code lobes} is relabelled as the components of the cut mask.
	 *
	 * @return per lobe id of the result (1..length − 1), the id of the wide lobe it was cut from, 0 for a
	 *         lobe left whole; its length − 1 is the new number of lobes
	 * @throws CancelledException if the user pressed Esc in ImageJ meanwhile (its maximum finder then
	 *           stops, as every LeukoCNN operation does)
	 */
	static int[] split(int[] lobes, int n, byte[] mask, int w, int h, double maxSpan, double minDepth) {
		LobeGrouping.Extent[] extent = new LobeGrouping.Extent[n + 1];
		for (int l = 1; l <= n; l++)
			extent[l] = new LobeGrouping.Extent();
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++)
				if (lobes[i] != 0) extent[lobes[i]].add(x, y);
		boolean[] wide = new boolean[n + 1];
		boolean any = false;
		for (int l = 1; l <= n; l++)
			any |= wide[l] = extent[l].span() > maxSpan;
		if (!any) return new int[n + 1];
		ByteProcessor binary = new ByteProcessor(w, h);
		byte[] pixels = (byte[]) binary.getPixels();
		for (int i = 0; i < lobes.length; i++)
			if (lobes[i] != 0 && wide[lobes[i]]) pixels[i] = (byte) 255;
		FloatProcessor distance = new EDM().makeFloatEDM(binary, 0, false);
		ByteProcessor pieces = new MaximumFinder().findMaxima(distance, minDepth, ImageProcessor.NO_THRESHOLD,
			MaximumFinder.SEGMENTED, false, true);
		if (pieces == null) throw new CancelledException(); // ImageJ's maximum finder stops when Esc is pressed
		byte[] kept = (byte[]) pieces.getPixels();
		int[] parent = lobes.clone();
		for (int i = 0; i < lobes.length; i++)
			if (lobes[i] != 0 && wide[lobes[i]] && kept[i] == 0) mask[i] = 0; // on a cut line
		int[] count = new int[1];
		int[] relabelled = Labels.components(mask, w, h, count);
		System.arraycopy(relabelled, 0, lobes, 0, lobes.length);
		int[] family = new int[count[0] + 1];
		for (int i = 0; i < lobes.length; i++)
			if (lobes[i] != 0 && wide[parent[i]]) family[lobes[i]] = parent[i];
		return family;
	}
}
