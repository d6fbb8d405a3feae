package io.github.leukocnn.segment;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.parallel.Parallelization;

/**
 * Runs a task over consecutive ranges of rows on several threads (ImgLib2's {@link Parallelization}).
 * Every row is computed by the same code whatever the thread count, so results do not depend on it.
 * Small jobs run on the calling thread: below {@link #MIN_PIXELS} pixels, starting threads costs
 * more than it saves.
 */
final class RowRanges {

	/** Jobs smaller than this many pixels run single-threaded. */
	static final int MIN_PIXELS = 400_000;

	interface Task {
		void rows(int from, int to);
	}

	private RowRanges() {}

	static void forEach(int rows, long pixels, int threads, Task task) {
		if (threads <= 1 || pixels < MIN_PIXELS || rows < 2 * threads) {
			task.rows(0, rows);
			return;
		}
		int chunks = 4 * threads;
		List<int[]> ranges = new ArrayList<>(chunks);
		for (int c = 0; c < chunks; c++) {
			int from = (int) ((long) rows * c / chunks), to = (int) ((long) rows * (c + 1) / chunks);
			if (to > from) ranges.add(new int[] { from, to });
		}
		Parallelization.runWithNumThreads(threads,
			() -> Parallelization.getTaskExecutor().forEach(ranges, r -> task.rows(r[0], r[1])));
	}
}
