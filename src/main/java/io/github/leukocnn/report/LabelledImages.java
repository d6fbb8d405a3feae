package io.github.leukocnn.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ij.process.ColorProcessor;
import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;

/**
 * A labelled image set laid out as one folder per class ({@code DIR/CLASS/image.jpg}, as in the
 * PBC and ALL-Taleqani releases), and the classifier's field-level predictions on it.
 */
public final class LabelledImages {

	/**
	 * @param name path below the set's folder with '/' separators, e.g. "pre/WBC-Malignant-Pre-001.jpg"
	 * @param label index of the true class in the classifier's classes
	 */
	public record Image(Path file, String name, int label) {}

	/** Images that could not be analysed, with the reason. */
	public record Failure(Path file, String message) {}

	/**
	 * @param withoutCells names of the predicted images in which no leukocyte was found: their
	 *          probabilities are only the model's prior ({@link FieldReport}), so a report must say how many
	 */
	public record Result(Predictions predictions, List<Failure> failures, List<String> withoutCells) {}

	private LabelledImages() {}

	/**
	 * The images of {@code root}: every non-hidden sub-folder is a class and must be one of
	 * {@code classes}; its image files ({@link SmearImages#EXTENSIONS}) are taken in name order.
	 * Classes without a folder are allowed (e.g. a test set without one class).
	 */
	public static List<Image> list(Path root, List<String> classes) throws IOException {
		if (!Files.isDirectory(root)) throw new IOException("data folder " + root + " does not exist or is not a folder");
		List<Path> folders;
		try (Stream<Path> s = Files.list(root)) {
			folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
				.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
		}
		if (folders.isEmpty())
			throw new IOException("data folder " + root + " has no class sub-folders: expected DIR/<class>/<image> with classes " + classes);
		List<Image> images = new ArrayList<>();
		for (Path folder : folders) {
			String cls = folder.getFileName().toString();
			int label = classes.indexOf(cls);
			if (label < 0) throw new IOException("folder " + folder + ": '" + cls + "' is not a class of the model " + classes);
			try (Stream<Path> s = Files.list(folder)) {
				s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
					.filter(SmearImages::hasImageExtension).sorted(Comparator.comparing(p -> p.getFileName().toString()))
					.forEach(p -> images.add(new Image(p, cls + "/" + p.getFileName(), label)));
			}
		}
		if (images.isEmpty()) throw new IOException("no image files in the class folders of " + root);
		return images;
	}

	/**
	 * Field-level probabilities of every image (single-cell: the one cell through the field rule;
	 * otherwise segmentation + cells + field rule, exactly as {@code classify}). An image that fails
	 * is reported on {@code err} and listed, the others go on. Results are in input order whatever
	 * the number of threads.
	 *
	 * @param segmenters one per worker thread; unused when {@code singleCell}
	 * @param classifier shared; must be thread-safe when {@code threads > 1}
	 */
	public static Result predict(List<Image> images, CellClassifier classifier, Supplier<LeukocyteSegmenter> segmenters,
		boolean singleCell, double cellDiameter, int threads, ProgressListener progress, PrintStream err)
	{
		int n = images.size();
		double[][] probabilities = new double[n][];
		String[] failures = new String[n];
		boolean[] noCells = new boolean[n];
		ThreadLocal<LeukocyteSegmenter> segmenter = singleCell ? null : ThreadLocal.withInitial(segmenters);
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
			Thread t = new Thread(r, "leukocnn-evaluate");
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					if (progress.isCancelled()) return;
					Image image = images.get(index);
					try {
						ColorProcessor rgb = SmearImages.openRgb(image.file());
						FieldReport r = ClassifyBatch.classify(image.name(), rgb, singleCell ? null : segmenter.get(), classifier,
							cellDiameter, 1, ProgressListener.NONE).report();
						probabilities[index] = r.fieldProbabilities();
						noCells[index] = !r.hasCall();
					}
					catch (CancelledException e) {
						return;
					}
					catch (Exception | OutOfMemoryError e) {
						failures[index] = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
						if (err != null) err.println("FAILED " + image.file() + ": " + failures[index]);
					}
					int d = done.incrementAndGet();
					progress.progress((double) d / n, d + "/" + n + " images");
				}));
			}
			for (Future<?> f : futures)
				f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		}
		catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("evaluation worker failed", e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		progress.checkCancelled();
		List<String> names = new ArrayList<>();
		List<Integer> truth = new ArrayList<>();
		List<double[]> probs = new ArrayList<>();
		List<Failure> failed = new ArrayList<>();
		List<String> withoutCells = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (probabilities[i] != null) {
				names.add(images.get(i).name());
				truth.add(images.get(i).label());
				probs.add(probabilities[i]);
				if (noCells[i]) withoutCells.add(images.get(i).name());
			}
			else failed.add(new Failure(images.get(i).file(), failures[i] == null ? "not processed" : failures[i]));
		}
		Predictions p = new Predictions(classifier.classes(), List.copyOf(names), truth.stream().mapToInt(Integer::intValue).toArray(),
			probs.toArray(double[][]::new));
		return new Result(p, List.copyOf(failed), List.copyOf(withoutCells));
	}
}
