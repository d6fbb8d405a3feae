package io.github.leukocnn.segment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ij.process.ColorProcessor;

/**
 * One leukocyte diameter for the fields of a batch taken at one magnification. The per-image
 * estimate ({@link DiameterEstimator}) is reliable on sparse fields but grows in dense ones (a
 * cluster of blasts, red cells touching the cytoplasm: all-taleqani fields of one magnification
 * give 22 to 67 px between their 10th and 90th percentiles), and crops follow it, so a blast of a
 * dense field would fill less of its crop than the same blast alone. Every image whose estimate is
 * within a factor {@link #MAX_RATIO} of the batch's median estimate gets the median; an image
 * farther away keeps its own estimate (another magnification or scanner in the same batch).
 */
public final class BatchDiameter {

	/** Estimates within this factor of the batch median are taken as the same magnification. */
	public static final double MAX_RATIO = 2;

	/** The {@code cellDiameter} of batch settings that asks for per-image estimates without harmonising. */
	public static final double PER_IMAGE = -1;

	private final Map<Path, Double> estimates;
	private final double median;

	private BatchDiameter(Map<Path, Double> estimates, double median) {
		this.estimates = estimates;
		this.median = median;
	}

	/** Opens an image as RGB (may throw: such an image is left out of the median). */
	public interface Opener {
		ColorProcessor open(Path image) throws Exception;
	}

	/**
	 * Estimates the diameter of every image (in parallel); images that cannot be opened are left out
	 * (they fail again, with their message, where the batch analyses them).
	 */
	public static BatchDiameter of(List<Path> images, Opener opener, int threads) {
		Map<Path, Double> estimates = new HashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, images.size())), r -> {
			Thread t = new Thread(r, "leukocnn-diameter");
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<Double>> futures = images.stream().map(p -> pool.submit(() -> {
				try {
					return DiameterEstimator.estimate(opener.open(p));
				}
				catch (Exception e) {
					return Double.NaN;
				}
			})).toList();
			for (int i = 0; i < images.size(); i++) {
				double d = futures.get(i).get();
				if (d > 0) estimates.put(images.get(i), d);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new io.github.leukocnn.progress.CancelledException();
		}
		catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("diameter estimate failed", e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		return of(estimates);
	}

	/** From per-image estimates already made. */
	static BatchDiameter of(Map<Path, Double> estimates) {
		double[] v = estimates.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
		double median = v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
		return new BatchDiameter(Map.copyOf(estimates), median);
	}

	/** The median of the per-image estimates (NaN for a batch without any). */
	public double median() {
		return median;
	}

	/**
	 * The diameter to segment {@code image} with: the batch median if the image's own estimate is
	 * within {@link #MAX_RATIO} of it, else its own estimate; 0 (= estimate when segmenting) for an
	 * image that was not estimated.
	 */
	public double diameterOf(Path image) {
		Double own = estimates.get(image);
		if (own == null) return 0;
		return own <= MAX_RATIO * median && own >= median / MAX_RATIO ? median : own;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "median leukocyte diameter %.1f px over %d image(s)", median, estimates.size());
	}
}
