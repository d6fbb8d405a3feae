package io.github.leukocnn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a half-written file and existing files are never
 * replaced silently: the content goes to a hidden temporary file in the target's folder, which is
 * then renamed onto the target in one step ({@link StandardCopyOption#ATOMIC_MOVE}). If writing
 * fails, the temporary file is removed and the target is untouched.
 * <p>
 * An existing target is replaced only when {@code overwrite} is true; otherwise the write fails with
 * an {@link OutputExistsException} naming the file and the {@code --overwrite} option.
 */
public final class AtomicFiles {

	/** Prefix and suffix of temporary files: hidden, so batch input scans skip them. */
	static final String TEMP_PREFIX = ".leukocnn-", TEMP_SUFFIX = ".part";

	/** Temporary files being written, removed by a shutdown hook if the JVM exits (e.g. Ctrl-C) before they are committed. */
	private static final java.util.Set<Path> LIVE_TEMPS = java.util.concurrent.ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (Path p : LIVE_TEMPS) {
				try {
					Files.deleteIfExists(p);
				}
				catch (IOException e) {
					// exiting: nothing more can be done, and a hidden temp file harms no result
				}
			}
		}, "leukocnn-temp-cleanup"));
	}

	private AtomicFiles() {}

	/** Produces the content of a file. */
	@FunctionalInterface
	public interface Writer {
		void write(OutputStream out) throws IOException;
	}

	/** An output file that exists and may not be replaced. */
	public static final class OutputExistsException extends FileAlreadyExistsException {
		private static final long serialVersionUID = 1L;

		public OutputExistsException(Path file) {
			super(file.toString(), null, file + " already exists; it is not replaced unless you allow it (--overwrite)");
		}

		@Override
		public String getMessage() {
			return getReason();
		}
	}

	/** Fails with {@link OutputExistsException} for the first of {@code targets} that exists, unless {@code overwrite}. */
	public static void checkCanWrite(Collection<Path> targets, boolean overwrite) throws OutputExistsException {
		if (overwrite) return;
		for (Path p : targets)
			if (Files.exists(p)) throw new OutputExistsException(p);
	}

	/** Writes {@code target} atomically with the bytes produced by {@code writer}. */
	public static void write(Path target, boolean overwrite, Writer writer) throws IOException {
		try (Group group = new Group(overwrite)) {
			group.write(target, writer);
			group.commit();
		}
	}

	public static void writeBytes(Path target, boolean overwrite, byte[] bytes) throws IOException {
		write(target, overwrite, out -> out.write(bytes));
	}

	public static void writeString(Path target, boolean overwrite, String text) throws IOException {
		writeBytes(target, overwrite, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Several files that belong together (e.g. all outputs of one image): each is written to its
	 * temporary file, and only {@link #commit()} moves them all into place. Closing without commit
	 * deletes the temporary files, so either all targets are new or none is touched (short of a
	 * failure between the renames themselves).
	 */
	public static final class Group implements AutoCloseable {
		private final boolean overwrite;
		private final List<Path[]> staged = new ArrayList<>(); // {temp, target}
		private boolean committed;

		public Group(boolean overwrite) {
			this.overwrite = overwrite;
		}

		/** Writes the content of {@code target} into a temporary file beside it. */
		public void write(Path target, Writer writer) throws IOException {
			if (committed) throw new IllegalStateException("group already committed");
			checkCanWrite(List.of(target), overwrite);
			Path temp = createTemp(target);
			staged.add(new Path[] { temp, target });
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), 1 << 16)) {
				writer.write(out);
			}
		}

		/** Moves every staged file onto its target. */
		public void commit() throws IOException {
			checkCanWrite(staged.stream().map(s -> s[1]).toList(), overwrite);
			for (Path[] s : staged) {
				moveIntoPlace(s[0], s[1], overwrite);
				LIVE_TEMPS.remove(s[0]);
			}
			committed = true;
		}

		/** Deletes temporary files that were not committed. */
		@Override
		public void close() {
			for (Path[] s : staged) {
				try {
					Files.deleteIfExists(s[0]);
				}
				catch (IOException e) {
					// best effort: a stale hidden temp file does no harm to results
				}
				LIVE_TEMPS.remove(s[0]);
			}
			staged.clear();
		}
	}

	/** A new empty file in the folder of {@code target}, with default permissions (not 0600 like createTempFile). */
	private static Path createTemp(Path target) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		String name = target.getFileName().toString();
		for (int attempt = 0;; attempt++) {
			Path temp = dir.resolve(TEMP_PREFIX + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
			try {
				Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
				LIVE_TEMPS.add(temp);
				return temp;
			}
			catch (FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	private static void moveIntoPlace(Path temp, Path target, boolean overwrite) throws IOException {
		if (!overwrite) {
			// A hard link fails if the target exists: a no-clobber rename without a race window.
			try {
				Files.createLink(target, temp);
				Files.delete(temp);
				return;
			}
			catch (FileAlreadyExistsException e) {
				throw new OutputExistsException(target);
			}
			catch (UnsupportedOperationException | IOException e) {
				// file system without hard links: check, then rename
				if (Files.exists(target)) throw new OutputExistsException(target);
			}
		}
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
