package io.github.leukocnn.segment.eval;

import java.util.List;

import ij.ImagePlus;
import ij.measure.Measurements;
import ij.measure.ResultsTable;
import ij.plugin.filter.EDM;
import ij.plugin.filter.ParticleAnalyzer;
import ij.process.AutoThresholder;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloodFiller;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.segment.CellMeasurer;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.DiameterEstimator;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;

/**
 * The classic ImageJ 1 pipeline a Fiji user would record today, as the baseline of the benchmark:
 * <ol>
 * <li>colour threshold: 8-bit "blue minus green" image (Process › Image Calculator on the RGB
 * channels), Otsu → nuclei;</li>
 * <li>Binary › Dilate by D/7 (the cytoplasm rim, blind to colour), Fill Holes;</li>
 * <li>Binary › Watershed (EDM) to split touching cells;</li>
 * <li>Analyze Particles (size ≥ 25% of a disc of diameter D, "Count Masks") → labels.</li>
 * </ol>
 * Everything runs at full resolution with ImageJ's own filters. Nuclei are the thresholded pixels
 * inside each particle. Cell diameter: the given one, else {@link DiameterEstimator}.
 */
public final class ClassicPipeline implements LeukocyteSegmenter {

	@Override
	public Segmentation segment(RandomAccessibleInterval<ARGBType> rgb, SegmentationSettings settings) {
		int w = (int) rgb.dimension(0), h = (int) rgb.dimension(1), n = w * h;
		int[] argb = new int[n];
		net.imglib2.Cursor<ARGBType> c = net.imglib2.view.Views.flatIterable(rgb).cursor();
		for (int i = 0; i < n; i++)
			argb[i] = c.next().get();
		ColorProcessor cp = new ColorProcessor(w, h, argb);
		double d = DiameterEstimator.diameter(cp, settings);

		// 1. colour threshold on blue - green
		byte[] diff = new byte[n];
		for (int i = 0; i < n; i++) {
			int p = argb[i];
			diff[i] = (byte) Math.max(0, (p & 0xff) - ((p >> 8) & 0xff));
		}
		ByteProcessor bg = new ByteProcessor(w, h, diff);
		int t = new AutoThresholder().getThreshold(AutoThresholder.Method.Otsu, bg.getHistogram());
		byte[] nucleus = new byte[n];
		for (int i = 0; i < n; i++)
			if ((diff[i] & 0xff) > t) nucleus[i] = (byte) 255;
		ByteProcessor mask = new ByteProcessor(w, h, nucleus.clone());

		// 2. dilate (3x3 steps, as Process > Binary > Options iterations), fill holes
		int iterations = Math.max(1, (int) Math.round(d / 7));
		for (int k = 0; k < iterations; k++)
			mask.dilate(1, 0);
		fillHoles(mask);

		// 3. EDM watershed
		new EDM().toWatershed(mask);

		// 4. analyze particles -> count masks
		mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		double minSize = 0.25 * Math.PI * d * d / 4;
		ResultsTable rt = new ResultsTable();
		ParticleAnalyzer pa = new ParticleAnalyzer(ParticleAnalyzer.SHOW_ROI_MASKS | ParticleAnalyzer.INCLUDE_HOLES,
			Measurements.AREA, rt, minSize, Double.POSITIVE_INFINITY);
		pa.setHideOutputImage(true);
		ImagePlus imp = new ImagePlus("mask", mask);
		pa.analyze(imp, mask);
		ImagePlus out = pa.getOutputImage();
		short[] cells = new short[n], nuclei = new short[n];
		int count = rt.size();
		if (out != null) {
			ImageProcessor labels = out.getProcessor();
			short[] l = labels instanceof ShortProcessor sp ? (short[]) sp.getPixels() : (short[]) labels.convertToShort(false).getPixels();
			System.arraycopy(l, 0, cells, 0, n);
		}
		for (int i = 0; i < n; i++)
			if (cells[i] != 0 && nucleus[i] != 0) nuclei[i] = cells[i];
		List<CellMeasurements> m = CellMeasurer.measure(cells, nuclei, argb, w, h, count);
		return new Segmentation(ArrayImgs.unsignedShorts(cells, w, h), ArrayImgs.unsignedShorts(nuclei, w, h), m, d);
	}

	/** Process › Binary › Fill Holes: background not reachable from the border becomes foreground. */
	static void fillHoles(ByteProcessor mask) {
		int w = mask.getWidth(), h = mask.getHeight();
		FloodFiller ff = new FloodFiller(mask);
		mask.setColor(127);
		for (int x = 0; x < w; x++) {
			if (mask.get(x, 0) == 0) ff.fill(x, 0);
			if (mask.get(x, h - 1) == 0) ff.fill(x, h - 1);
		}
		for (int y = 0; y < h; y++) {
			if (mask.get(0, y) == 0) ff.fill(0, y);
			if (mask.get(w - 1, y) == 0) ff.fill(w - 1, y);
		}
		byte[] p = (byte[]) mask.getPixels();
		for (int i = 0; i < p.length; i++)
			p[i] = (p[i] & 0xff) == 127 ? 0 : (byte) 255;
	}

	/** Convenience for callers holding an IJ1 image. */
	public Segmentation segment(ColorProcessor cp, SegmentationSettings settings) {
		return segment(RgbImages.wrap(cp), settings);
	}
}
