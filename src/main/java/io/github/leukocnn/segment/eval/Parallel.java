package io.github.leukocnn.segment.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs indexed tasks on a fixed number of threads; results go to per-index slots (deterministic). */
final class Parallel {

	interface Task {
		void run(int index) throws Exception;
	}

	private Parallel() {}

	static void forEach(int count, int threads, Task task) throws java.io.IOException {
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					task.run(index);
					return null;
				}));
			}
			for (Future<?> f : futures)
				f.get();
		}
		catch (java.util.concurrent.ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof java.io.IOException io) throw io;
			if (c instanceof RuntimeException re) throw re;
			throw new java.io.IOException(c);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.io.IOException("interrupted", e);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
