package io.github.leukocnn.segment;

import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.progress.ProgressListener;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/**
 * Nucleus-seeded leukocyte segmentation of Romanowsky-stained (Giemsa, MGG, Wright) blood smears,
 * one method for all stains, cameras and magnifications; the only size input is the leukocyte
 * diameter D (given, or estimated per image by {@link DiameterEstimator}).
 * <ol>
 * <li><b>Working scale.</b> The image is reduced by area averaging so that D becomes
 * {@link #WORK_DIAMETER} px (never enlarged). Every size below is a fraction of the working
 * diameter d, which makes the method scale invariant and bounds its cost.</li>
 * <li><b>Stain features.</b> Optical densities normalised by the image's own white
 * ({@link StainFeatures}); nucleus feature = od_green - od_blue (chromatin passes blue and
 * absorbs green; red cells and background do not).</li>
 * <li><b>Nuclei.</b> Otsu threshold of the nucleus feature on the image itself (at least
 * {@link #MIN_NUCLEUS_CONTRAST}), 3×3 opening; lobes smaller than {@link #MIN_LOBE_AREA} of a
 * leukocyte disc dropped; lobes with gaps below {@link #LOBE_GAP}·d form one group (a segmented
 * neutrophil stays one cell), closest first and only while the group spans at most
 * {@link #MAX_NUCLEUS_SPAN}·d (two touching leukocytes keep two nuclei); fragments with too little
 * chromatin to be a nucleus join their nearest group within {@link #ORPHAN_GAP}·d
 * ({@link LobeGrouping}). Groups below {@link #MIN_NUCLEUS_AREA} of a disc, with less integrated
 * chromatin than {@link #MIN_CHROMATIN} (platelets) or paler than {@link #MIN_GROUP_CONTRAST} of
 * the chromatin level (red cells passing a low threshold) are dropped ({@link NucleusGroups}).</li>
 * <li><b>Whole cell and split</b> ({@link CellGrower}). Marker-controlled watershed on a colour
 * gradient: the optical densities are clipped at their {@link #CLIP_PERCENTILE} percentile outside
 * the nuclei (flattening the strong nucleus/cytoplasm edge), smoothed with σ =
 * {@link #GRADIENT_SMOOTHING}·d (granules), Sobel magnitude summed over the channels. Markers: each
 * nucleus group dilated by {@link #SEED_DILATION}·d; "outside" = everything farther than
 * {@link #MAX_REACH}·d from a nucleus or {@link #MAX_RADIUS}·d from its group's centre, plus clear
 * background (density below {@link #BACKGROUND_SEED} of the background/stain Otsu level). The
 * cells' outlines settle on the strongest edge around each nucleus, including the chromatic edge
 * between pale cytoplasm and darker red cells, and touching cells split along the edge between
 * them. Outlines are smoothed by an opening of radius {@link #SMOOTHING}·d, holes filled.</li>
 * <li><b>Full resolution.</b> Cell labels return to the input size by bilinear interpolation of
 * each label's indicator ({@link LabelResampler}); nuclei are thresholded at full resolution inside
 * each cell, at 30% of that cell's nucleus/cytoplasm contrast ({@link FullResolutionNuclei}).</li>
 * <li><b>Measurements</b> by {@link CellMeasurer}.</li>
 * </ol>
 * Deterministic (no randomness, no hash order; labels numbered in raster order of their nuclei) and
 * independent of the thread count. Progress and cancellation go through the settings' listener.
 */
public final class SmearSegmenter implements LeukocyteSegmenter {

	/** Leukocyte diameter in pixels at which the segmentation runs. */
	public static final double WORK_DIAMETER = 44;
	/** Lower bound of the nucleus threshold (od_green - od_blue), so that a field of red cells gives no nuclei. */
	public static final float MIN_NUCLEUS_CONTRAST = 0.15f;
	/** Nucleus lobes whose gap is below this fraction of d belong to one cell. */
	public static final double LOBE_GAP = 0.16;
	/** A nucleus fragment with less than {@link #MIN_CHROMATIN} joins its nearest group if their gap is below this fraction of d. */
	public static final double ORPHAN_GAP = 0.25;
	/**
	 * Lobes are grouped only while the group's span (Feret diameter) stays below this fraction of d:
	 * a nucleus is narrower than its cell (span about 0.9·D), and the estimated D can be ~40% low for
	 * cells with pale cytoplasm (BCCD: the largest single-cell groups span up to 1.6·d), whereas the
	 * nuclei of two touching leukocytes together span about twice a nucleus.
	 */
	public static final double MAX_NUCLEUS_SPAN = 1.7;
	/**
	 * A lobe wider than {@link #MAX_NUCLEUS_SPAN}·d is cut where its distance map has a saddle at least
	 * this fraction of d below the maxima it separates: touching round nuclei (necks far narrower than
	 * the nuclei) are cut, a ragged outline is not.
	 */
	public static final double NUCLEUS_NECK_DEPTH = 0.1;
	/** Smallest nucleus group, as a fraction of the area of a disc of diameter d. */
	public static final double MIN_NUCLEUS_AREA = 0.08;
	/**
	 * A nucleus group's mean nucleus feature must reach this fraction of the 90th percentile over all
	 * nucleus pixels. Red cells that pass a low threshold stay near the threshold (about 0.37 of that
	 * level); a monocyte's loose chromatin beside dark lymphocytes reaches only about 0.49 of it (0.5
	 * dropped such a monocyte in sample-images/smear-s2; wbc-masks, BCCD and PBC results are the same
	 * with 0.45 and 0.5).
	 */
	public static final double MIN_GROUP_CONTRAST = 0.45;
	/**
	 * Least integrated nucleus feature of a group (its "chromatin mass"), in units of a disc of
	 * diameter d at the chromatin level (the 90th percentile of all nucleus pixels). Every leukocyte
	 * carries the same DNA, so its integrated chromatin stain does not fall far below that of a small
	 * lymphocyte; platelets and platelet clumps carry none, and are both small and pale.
	 */
	public static final double MIN_CHROMATIN = 0.09;
	/** Smallest single lobe, as a fraction of the area of a disc of diameter d. */
	public static final double MIN_LOBE_AREA = 0.006;
	/** How far cytoplasm may reach from its nucleus, as a fraction of d. */
	public static final double MAX_REACH = 0.45;
	/** How far the cell may reach from the centroid of its nucleus group, as a fraction of d. */
	public static final double MAX_RADIUS = 0.62;
	/** Radius of the opening that smooths cell outlines, as a fraction of d. */
	public static final double SMOOTHING = 0.05;
	/** The nucleus markers of the watershed are the nuclei dilated by this fraction of d. */
	public static final double SEED_DILATION = 0.06;
	/** Pixels with total density below this fraction of the Otsu density threshold are background markers. */
	public static final double BACKGROUND_SEED = 0.3;
	/** Gaussian smoothing (σ as a fraction of d) before the gradient: removes granule texture. */
	public static final double GRADIENT_SMOOTHING = 0.05;
	/** Optical densities are clipped at this percentile (outside nuclei) before the gradient. */
	public static final double CLIP_PERCENTILE = 0.9;

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		ProgressListener progress = settings.progress();
		int width = (int) rgb.dimension(0), height = rgb.numDimensions() > 1 ? (int) rgb.dimension(1) : 1;
		int[] argb = pixels(rgb, width, height);
		progress.progress(0, "Segmenting leukocytes");
		if (width < 4 || height < 4)
			return empty(width, height, settings.estimateDiameter() ? DiameterEstimator.FALLBACK_DIAMETER : settings.cellDiameter());
		ColorProcessor cp = new ColorProcessor(width, height, argb);
		double diameter = DiameterEstimator.diameter(cp, settings);
		progress.checkCancelled();
		progress.progress(0.2, "Stain features");

		double scale = Math.min(1, WORK_DIAMETER / diameter);
		int w = width, h = height;
		int[] work = argb;
		if (scale < 1) {
			w = Math.max(4, (int) Math.round(width * scale));
			h = Math.max(4, (int) Math.round(height * scale));
			work = AreaDownsampler.downsample(argb, width, height, w, h, settings.threads());
		}
		double sx = w / (double) width, sy = h / (double) height;
		double d = diameter * Math.sqrt(sx * sy);
		StainFeatures f = StainFeatures.compute(work, w, h, settings.threads());
		progress.checkCancelled();
		progress.progress(0.4, "Nuclei");

		NucleusGroups nuclei = NucleusGroups.find(f, d);
		progress.checkCancelled();
		progress.progress(0.6, "Cells");
		int[] cells = CellGrower.grow(f, nuclei, d);
		progress.checkCancelled();
		progress.progress(0.8, "Labels and measurements");

		short[] cellLabels = new short[width * height];
		short[] nucleusLabels = new short[width * height];
		if (scale < 1) LabelResampler.upsample(cells, w, h, cellLabels, width, height, nuclei.count, settings.threads());
		else for (int i = 0; i < cells.length; i++)
			cellLabels[i] = (short) cells[i];
		FullResolutionNuclei.threshold(argb, f.white, nuclei.threshold, cellLabels, nucleusLabels, nuclei.count,
			settings.threads(), width);
		List<CellMeasurements> measurements = CellMeasurer.measure(cellLabels, nucleusLabels, argb, width, height,
			nuclei.count);
		progress.progress(1, null);
		return new Segmentation(ArrayImgs.unsignedShorts(cellLabels, width, height),
			ArrayImgs.unsignedShorts(nucleusLabels, width, height), measurements, diameter);
	}

	private static Segmentation empty(int w, int h, double diameter) {
		return new Segmentation(ArrayImgs.unsignedShorts(new short[w * h], w, h),
			ArrayImgs.unsignedShorts(new short[w * h], w, h), List.of(), diameter);
	}

	/** The packed ARGB pixels: the backing array of an int ArrayImg, otherwise a copy. */
	@SuppressWarnings("unchecked")
	static int[] pixels(RandomAccessibleInterval<ARGBType> rgb, int w, int h) {
		if (rgb instanceof ArrayImg<?, ?> img && img.update(null) instanceof IntArray a && rgb.min(0) == 0 &&
			(rgb.numDimensions() < 2 || rgb.min(1) == 0))
			return a.getCurrentStorageArray();
		int[] out = new int[w * h];
		Cursor<ARGBType> c = Views.flatIterable(rgb).cursor();
		for (int i = 0; i < out.length && c.hasNext(); i++)
			out[i] = c.next().get();
		return out;
	}
}
