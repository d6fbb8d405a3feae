package io.github.leukocnn.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.github.leukocnn.io.AtomicFiles;
import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.CancelledException;
import io.github.leukocnn.progress.ProgressListener;

/**
 * Runs one piece of work per input image over a file or a folder, and keeps going when an image
 * fails. Shared by the batch subcommands ({@code segment}, {@code classify}…):
 * <ul>
 * <li>input: one file (used whatever its extension), or a folder whose image files
 * ({@link SmearImages#EXTENSIONS}, any case) are taken, with subfolders if {@link #recursive};
 * hidden files and folders are skipped, and so are results: the output folder (also when reached
 * through a symbolic link), any folder holding a {@value #FAILURES_CSV} of an earlier LeukoCNN run
 * ({@link #isResultFolder}), and files with the task's {@link #outputSuffixes} anywhere in the tree.
 * What was skipped is printed to the error stream. A symbolic link with an image extension whose
 * target is missing is a failed item ("... is a broken link to ...");</li>
 * <li>order: sorted by path below the input folder (code point order, '/' separators), so every run
 * sees the same order and gives the same output names ({@link OutputNames});</li>
 * <li>output folder: created if needed; a file in its place, or a folder that cannot be written,
 * stops the batch before any work with a {@link BatchSetupException};</li>
 * <li>failures: an exception of the work for one image is recorded (file + message), printed to
 * the error stream, and the batch goes on; at the end {@value #FAILURES_CSV} in the output folder
 * lists them (columns file,error; header only when none failed). It describes the latest run, so
 * it is replaced on every run. A failed image's result files of its output name (its
 * {@link #outputSuffixes}) left by an earlier run (possible only under --overwrite: without it the
 * task refuses first with an {@link AtomicFiles.OutputExistsException} and they stay) are removed,
 * so that no results sit beside tables that no longer list the image; the failure says so;</li>
 * <li>progress and cancellation through a {@link ProgressListener}: once cancelled, no further
 * image starts; work in progress may stop early by polling the listener it is given. With several
 * threads the listener is called from the worker threads;</li>
 * <li>optional parallelism over images ({@link #threads}); results do not depend on it.</li>
 * </ul>
 */
public final class BatchRunner {

	public static final String FAILURES_CSV = "failures.csv";

	/** The work for one image; throw to mark the image as failed (the message is reported). */
	@FunctionalInterface
	public interface Task {
		void process(BatchItem item, ProgressListener progress) throws Exception;
	}

	/** An image (or folder) that failed, with the reason. */
	public record Failure(Path file, String message) {

		/** One line for the error stream, naming the file once. */
		public String describe() {
			return message.startsWith(file.toString()) ? "FAILED " + message : "FAILED " + file + ": " + message;
		}
	}

	/**
	 * What a batch did.
	 *
	 * @param items the inputs, in batch order
	 * @param succeeded how many images were processed without error
	 * @param failures failed files in batch order
	 * @param cancelled whether the batch was stopped before all images were processed
	 * @param failuresCsv the failure list written to the output folder
	 */
	public record Summary(List<BatchItem> items, int succeeded, List<Failure> failures, boolean cancelled, Path failuresCsv) {

		/** 0 when every image was processed, 1 when any failed or the batch was cancelled. */
		public int exitCode() {
			return failures.isEmpty() && !cancelled && succeeded == items.size() ? 0 : 1;
		}

		public String describe() {
			return items.size() + " image(s): " + succeeded + " processed, " + failures.size() + " failed" +
				(cancelled ? ", cancelled before the end" : "") +
				(failures.isEmpty() ? "" : " (listed in " + failuresCsv + ")");
		}
	}

	private final Path input, output;
	private boolean recursive;
	private int threads = 1;
	private ProgressListener progress = ProgressListener.NONE;
	private PrintStream errors = System.err;
	private List<String> outputSuffixes = List.of();

	/**
	 * @param input an image file or a folder of images
	 * @param output the folder that receives the results (created if needed)
	 */
	public BatchRunner(Path input, Path output) {
		this.input = Objects.requireNonNull(input, "input");
		this.output = Objects.requireNonNull(output, "output");
	}

	/** Whether images in subfolders of an input folder are included. */
	public BatchRunner recursive(boolean on) {
		this.recursive = on;
		return this;
	}

	/** Images processed at the same time (each image's own work may use more threads). */
	public BatchRunner threads(int n) {
		if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
		this.threads = n;
		return this;
	}

	public BatchRunner progress(ProgressListener listener) {
		this.progress = listener == null ? ProgressListener.NONE : listener;
		return this;
	}

	/** Where failure lines are printed as they happen (null: nowhere). */
	public BatchRunner errors(PrintStream err) {
		this.errors = err;
		return this;
	}

	/**
	 * Suffixes of the files the task writes (e.g. "_cells.tif"): files with these endings are not
	 * taken as inputs anywhere in the input tree, so running again on a folder that holds results
	 * (this run's or an earlier run's, in any folder) does not analyse the results.
	 */
	public BatchRunner outputSuffixes(List<String> suffixes) {
		this.outputSuffixes = List.copyOf(suffixes);
		return this;
	}

	/** The inputs in batch order, with their output names; fails if there are none. */
	public List<BatchItem> items() throws BatchSetupException {
		List<Failure> unreadable = new ArrayList<>();
		return items(unreadable);
	}

	private List<BatchItem> items(List<Failure> unreadableFolders) throws BatchSetupException {
		return items(unreadableFolders, new ArrayList<>());
	}

	private List<BatchItem> items(List<Failure> unreadableFolders, List<String> skipped) throws BatchSetupException {
		if (!Files.exists(input)) throw new BatchSetupException("input " + input + " does not exist");
		List<Path> relative = new ArrayList<>();
		if (Files.isDirectory(input)) {
			relative.addAll(scan(unreadableFolders, skipped));
			if (relative.isEmpty() && unreadableFolders.isEmpty())
				throw new BatchSetupException("no image files (" + String.join(", ", SmearImages.EXTENSIONS) + ") in " + input +
					(recursive ? " or its subfolders" : hasSubfolders() ? " (it has subfolders: add --recursive to include them)" : ""));
		}
		else {
			relative.add(input.getFileName());
		}
		relative.sort(Comparator.comparing(BatchRunner::sortKey));
		List<String> names = OutputNames.assign(relative);
		List<BatchItem> items = new ArrayList<>();
		for (int i = 0; i < relative.size(); i++) {
			Path file = Files.isDirectory(input) ? input.resolve(relative.get(i)) : input;
			items.add(new BatchItem(file, relative.get(i), names.get(i), output));
		}
		return items;
	}

	private static String sortKey(Path relative) {
		StringBuilder sb = new StringBuilder();
		for (Path part : relative) {
			if (sb.length() > 0) sb.append('/');
			sb.append(part);
		}
		return sb.toString();
	}

	private boolean hasSubfolders() {
		try (var children = Files.list(input)) {
			return children.anyMatch(Files::isDirectory);
		}
		catch (IOException e) {
			return false;
		}
	}

	private List<Path> scan(List<Failure> unreadableFolders) throws BatchSetupException {
		return scan(unreadableFolders, new ArrayList<>());
	}

	/**
	 * @param skipped receives one line per result folder or result file left out (for the error stream)
	 */
	private List<Path> scan(List<Failure> unreadableFolders, List<String> skipped) throws BatchSetupException {
		Path outputAbs = output.toAbsolutePath().normalize();
		// results of this verb, wherever they are in the tree (an earlier run's output folder, moved or not)
		Predicate<Path> isOwnResult = file -> outputSuffixes.stream().anyMatch(s -> file.getFileName().toString().endsWith(s));
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					if (dir.equals(input)) return FileVisitResult.CONTINUE;
					if (isHidden(dir)) return FileVisitResult.SKIP_SUBTREE;
					// the output folder inside the input folder holds results, not inputs; compared as real
					// paths, so that it is found through a symbolic link too
					if (dir.toAbsolutePath().normalize().equals(outputAbs) || sameFile(dir, output)) return FileVisitResult.SKIP_SUBTREE;
					if (isResultFolder(dir)) {
						skipped.add("skipped " + dir + ": it holds the results of an earlier run (" + FAILURES_CSV + "), not input images");
						return FileVisitResult.SKIP_SUBTREE;
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (isHidden(file) || !SmearImages.hasImageExtension(file)) return FileVisitResult.CONTINUE;
					if (isOwnResult.test(file)) {
						if (!sameFile(file.getParent(), output)) skipped.add("skipped " + file + ": a result of an earlier run, not an input image");
						return FileVisitResult.CONTINUE;
					}
					if (attrs.isRegularFile()) found.add(input.relativize(file));
					else if (attrs.isSymbolicLink()) // with FOLLOW_LINKS only a link whose target is missing gets here
						unreadableFolders.add(new Failure(file, file + " is a broken link to " + linkTarget(file) + " (the file it points to does not exist)"));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					if (e instanceof FileSystemLoopException) return FileVisitResult.CONTINUE; // a link back up: seen already
					if (file.equals(input)) return FileVisitResult.TERMINATE;
					String why = e instanceof AccessDeniedException ? "cannot be read (permission denied)" : "cannot be read: " + e.getMessage();
					unreadableFolders.add(new Failure(file, file + " " + why));
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException e) {
			throw new BatchSetupException("input folder " + input + " cannot be read: " + e.getMessage(), e);
		}
		if (!Files.isReadable(input)) throw new BatchSetupException("input folder " + input + " cannot be read (permission denied)");
		return found;
	}

	private static boolean sameFile(Path a, Path b) {
		try {
			return a != null && Files.exists(b) && Files.isSameFile(a, b);
		}
		catch (IOException e) {
			return false;
		}
	}

	private static String linkTarget(Path link) {
		try {
			return String.valueOf(Files.readSymbolicLink(link));
		}
		catch (IOException e) {
			return "a missing file";
		}
	}

	/**
	 * A folder written by a LeukoCNN batch or evaluation: it holds {@value #FAILURES_CSV} with the
	 * header every verb writes ({@code file,error}). Its images are results (outlines, plots), not inputs.
	 */
	static boolean isResultFolder(Path dir) {
		Path failures = dir.resolve(FAILURES_CSV);
		if (!Files.isRegularFile(failures)) return false;
		try (var lines = Files.lines(failures)) {
			return lines.findFirst().map(l -> l.strip().replace("\uFEFF", "").equals("file,error")).orElse(false);
		}
		catch (IOException | java.io.UncheckedIOException e) {
			return false;
		}
	}

	private static boolean isHidden(Path p) {
		return p.getFileName() != null && p.getFileName().toString().startsWith(".");
	}

	/**
	 * Creates the output folder if needed and checks that files can be created in it.
	 *
	 * @throws BatchSetupException naming the folder and what is wrong
	 */
	public static void prepareOutputFolder(Path output) throws BatchSetupException {
		if (Files.exists(output) && !Files.isDirectory(output))
			throw new BatchSetupException("output " + output + " is a file, not a folder: give a folder for the results");
		try {
			Files.createDirectories(output);
		}
		catch (IOException e) {
			throw new BatchSetupException("output folder " + output + " cannot be created (" + reason(e) + ")", e);
		}
		try {
			Path probe = Files.createTempFile(output, ".leukocnn-write-test-", ".tmp");
			Files.delete(probe);
		}
		catch (IOException e) {
			throw new BatchSetupException("output folder " + output + " is not writable (" + reason(e) + "): choose another folder or fix its permissions", e);
		}
	}

	private static String reason(IOException e) {
		if (e instanceof AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}

	/**
	 * Prepares the output folder, runs {@code task} on every input and writes {@value #FAILURES_CSV}.
	 *
	 * @throws BatchSetupException if the batch cannot start (nothing was processed then)
	 */
	public Summary run(Task task) throws BatchSetupException {
		prepareOutputFolder(output);
		List<Failure> folderFailures = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		List<BatchItem> items = items(folderFailures, skipped);
		if (errors != null)
			for (String line : skipped)
				errors.println(line);
		for (Failure f : folderFailures)
			report(f);
		int n = items.size();
		Failure[] failures = new Failure[n];
		boolean[] done = new boolean[n];
		AtomicInteger finished = new AtomicInteger();
		progress.progress(0, n + " image(s)");
		if (threads == 1 || n < 2) {
			for (int i = 0; i < n && !progress.isCancelled(); i++)
				runOne(task, items.get(i), i, n, progress.subRange((double) i / n, (i + 1.0) / n), failures, done, finished);
		}
		else {
			ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
				Thread t = new Thread(r, "leukocnn-batch");
				t.setDaemon(true);
				return t;
			});
			ProgressListener cancelOnly = new ProgressListener() {
				@Override
				public void progress(double fraction, String message) {}

				@Override
				public boolean isCancelled() {
					return progress.isCancelled();
				}
			};
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					int index = i;
					futures.add(pool.submit(() -> {
						if (!progress.isCancelled()) runOne(task, items.get(index), index, n, cancelOnly, failures, done, finished);
					}));
				}
				for (Future<?> f : futures)
					f.get();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (java.util.concurrent.ExecutionException e) {
				throw new IllegalStateException("batch worker failed", e.getCause()); // runOne catches everything
			}
			finally {
				pool.shutdownNow();
			}
		}
		List<Failure> all = new ArrayList<>(folderFailures);
		int succeeded = 0;
		boolean cancelled = false;
		for (int i = 0; i < n; i++) {
			if (failures[i] != null) all.add(failures[i]);
			else if (done[i]) succeeded++;
			else cancelled = true;
		}
		Path csv = output.resolve(FAILURES_CSV);
		try {
			List<Object[]> rows = new ArrayList<>();
			for (Failure f : all)
				rows.add(new Object[] { f.file(), f.message() });
			CsvWriter.write(csv, true, List.of("file", "error"), rows);
		}
		catch (IOException e) {
			if (errors != null) errors.println("could not write " + csv + ": " + e.getMessage());
		}
		progress.progress(1, cancelled ? "cancelled" : "done");
		return new Summary(List.copyOf(items), succeeded, List.copyOf(all), cancelled, csv);
	}

	private void runOne(Task task, BatchItem item, int index, int n, ProgressListener itemProgress,
		Failure[] failures, boolean[] done, AtomicInteger finished)
	{
		try {
			task.process(item, itemProgress);
			done[index] = true;
		}
		catch (CancelledException e) {
			return; // neither done nor failed: counted as cancelled
		}
		catch (OutOfMemoryError e) {
			failures[index] = removeStaleResults(item, new Failure(item.file(), item.file() + " ran out of memory (image too large for the memory given to Java with -Xmx" +
				(threads > 1 ? ", or too many images at once: use fewer threads" : "") + ")"));
		}
		catch (AtomicFiles.OutputExistsException e) {
			failures[index] = new Failure(item.file(), message(e)); // refused because of its results: they stay
		}
		catch (Exception e) {
			failures[index] = removeStaleResults(item, new Failure(item.file(), message(e)));
		}
		if (failures[index] != null) report(failures[index]);
		synchronized (finished) { // so that the fractions the listener sees never go back
			progress.progress((double) finished.incrementAndGet() / n, item.relativePath().toString());
		}
	}

	/**
	 * An image that failed has no results of this run, so result files of its name (its
	 * {@link #outputSuffixes}) are an earlier run's: they would sit beside tables that no longer
	 * list the image. They can only be there under --overwrite (without it the task refuses first,
	 * with an {@link AtomicFiles.OutputExistsException}, and they stay); they are removed, and the
	 * failure says so.
	 */
	private Failure removeStaleResults(BatchItem item, Failure failure) {
		List<String> removed = new ArrayList<>(), kept = new ArrayList<>();
		for (Path f : item.outputs(outputSuffixes)) {
			try {
				if (Files.deleteIfExists(f)) removed.add(f.getFileName().toString());
			}
			catch (IOException e) {
				kept.add(f.getFileName() + " (" + reason(e) + ")");
			}
		}
		String m = failure.message();
		if (!removed.isEmpty()) m += "; its results of an earlier run were removed: " + String.join(", ", removed);
		if (!kept.isEmpty()) m += "; its results of an earlier run could not be removed: " + String.join(", ", kept);
		return removed.isEmpty() && kept.isEmpty() ? failure : new Failure(failure.file(), m);
	}

	/** Expected problems give their message; unexpected ones (bugs) their type too, to be reportable. */
	static String message(Exception e) {
		if (e instanceof java.nio.file.NoSuchFileException n) return n.getFile() + " does not exist (" + (n.getReason() == null ? "it may have been moved or deleted during the batch" : n.getReason()) + ")";
		if (e instanceof AccessDeniedException a) return a.getFile() + " cannot be accessed (permission denied)";
		String m = e.getMessage();
		if (m == null || m.isBlank()) return e.getClass().getName();
		if (e instanceof ImageInputException || e instanceof IOException || e instanceof IllegalArgumentException) return m;
		return e.getClass().getName() + ": " + m;
	}

	private synchronized void report(Failure f) {
		if (errors != null) errors.println(f.describe());
	}

	/** Exposed for callers that check outputs before doing the work: see {@link AtomicFiles#checkCanWrite}. */
	public Path output() {
		return output;
	}

	public Path input() {
		return input;
	}
}
