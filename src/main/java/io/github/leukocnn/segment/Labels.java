package io.github.leukocnn.segment;

/** Connected-component labelling and seeded flooding on int label arrays (row-major, 0 = background). */
final class Labels {

	private Labels() {}

	/**
	 * 8-connected components of the non-zero pixels of {@code mask}, numbered 1..n in raster order of
	 * their first pixel (deterministic).
	 *
	 * @return labels; the number of components is stored in {@code count[0]}
	 */
	static int[] components(byte[] mask, int w, int h, int[] count) {
		int[] labels = new int[mask.length];
		int[] queue = new int[mask.length];
		int n = 0;
		for (int start = 0; start < mask.length; start++) {
			if (mask[start] == 0 || labels[start] != 0) continue;
			n++;
			int head = 0, tail = 0;
			labels[start] = n;
			queue[tail++] = start;
			while (head < tail) {
				int p = queue[head++];
				int x = p % w, y = p / w;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = y + dy;
					if (yy < 0 || yy >= h) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx;
						if (xx < 0 || xx >= w) continue;
						int q = yy * w + xx;
						if (mask[q] != 0 && labels[q] == 0) {
							labels[q] = n;
							queue[tail++] = q;
						}
					}
				}
			}
		}
		count[0] = n;
		return labels;
	}

	/**
	 * Seeded watershed by flooding: grows the non-zero seeds of {@code labels} (in place) into the pixels
	 * allowed by {@code allowed}, lowest {@code priority} first (4-connected), ties first come first
	 * served. Priorities are clamped to 0..levels-1 (a bucket queue: linear time).
	 */
	static void flood(int[] labels, int[] priority, byte[] allowed, int w, int h, int levels) {
		int n = labels.length;
		int[] next = new int[n];
		int[] head = new int[levels], tail = new int[levels];
		java.util.Arrays.fill(head, -1);
		java.util.Arrays.fill(tail, -1);
		boolean[] queued = new boolean[n];
		// seeds are never queued; their free neighbours are
		for (int p = 0; p < n; p++)
			if (labels[p] != 0) queued[p] = true;
		for (int p = 0; p < n; p++) {
			if (labels[p] == 0) continue;
			int x = p % w, y = p / w;
			if (x > 0) push(p - 1, labels, priority, allowed, queued, next, head, tail, levels);
			if (x < w - 1) push(p + 1, labels, priority, allowed, queued, next, head, tail, levels);
			if (y > 0) push(p - w, labels, priority, allowed, queued, next, head, tail, levels);
			if (y < h - 1) push(p + w, labels, priority, allowed, queued, next, head, tail, levels);
		}
		int level = 0;
		while (level < levels) {
			int p = head[level];
			if (p < 0) {
				level++;
				continue;
			}
			head[level] = next[p];
			if (head[level] < 0) tail[level] = -1;
			// label = label of a labelled 4-neighbour with the lowest label id (deterministic)
			int x = p % w, y = p / w, lab = 0;
			if (x > 0) lab = pick(lab, labels[p - 1]);
			if (x < w - 1) lab = pick(lab, labels[p + 1]);
			if (y > 0) lab = pick(lab, labels[p - w]);
			if (y < h - 1) lab = pick(lab, labels[p + w]);
			labels[p] = lab;
			int before = level;
			if (x > 0) level = Math.min(level, push(p - 1, labels, priority, allowed, queued, next, head, tail, levels, before));
			if (x < w - 1) level = Math.min(level, push(p + 1, labels, priority, allowed, queued, next, head, tail, levels, before));
			if (y > 0) level = Math.min(level, push(p - w, labels, priority, allowed, queued, next, head, tail, levels, before));
			if (y < h - 1) level = Math.min(level, push(p + w, labels, priority, allowed, queued, next, head, tail, levels, before));
		}
	}

	private static int pick(int current, int candidate) {
		if (candidate == 0) return current;
		return current == 0 ? candidate : Math.min(current, candidate);
	}

	private static void push(int q, int[] labels, int[] priority, byte[] allowed, boolean[] queued, int[] next,
		int[] head, int[] tail, int levels)
	{
		push(q, labels, priority, allowed, queued, next, head, tail, levels, 0);
	}

	/** Queues q at max(its priority, floor) so that flooding never goes back below the current level. */
	private static int push(int q, int[] labels, int[] priority, byte[] allowed, boolean[] queued, int[] next,
		int[] head, int[] tail, int levels, int floor)
	{
		if (queued[q] || allowed[q] == 0) return Integer.MAX_VALUE;
		queued[q] = true;
		int l = Math.max(floor, Math.min(levels - 1, Math.max(0, priority[q])));
		next[q] = -1;
		if (tail[l] < 0) head[l] = q;
		else next[tail[l]] = q;
		tail[l] = q;
		return l;
	}
}
