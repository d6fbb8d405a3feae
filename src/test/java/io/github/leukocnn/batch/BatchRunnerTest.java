package io.github.leukocnn.batch;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.testutil.RecordingProgress;

class BatchRunnerTest {

	@TempDir
	Path dir;

	private Path image(String relative) throws IOException {
		Path f = dir.resolve("in").resolve(relative);
		Files.createDirectories(f.getParent());
		BufferedImage bi = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 64; x++)
				bi.setRGB(x, y, 0xe0b0c0 ^ (x * y));
		String ext = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase();
		assertTrue(ImageIO.write(bi, ext.equals("jpeg") ? "jpg" : ext.equals("tif") ? "tiff" : ext, f.toFile()));
		return f;
	}

	/** A task that opens each image as the real subcommands do and records what it saw. */
	private static BatchRunner.Task opening(List<String> seen) {
		return (item, progress) -> {
			SmearImages.openRgb(item.file());
			synchronized (seen) {
				seen.add(item.outputName());
			}
			java.nio.file.Files.writeString(item.output(".txt"), item.relativePath().toString());
		};
	}

	@Test
	void keepsGoingAfterATruncatedJpegAndListsTheFailure() throws IOException {
		image("a.png");
		Path good = image("c.jpg");
		byte[] jpeg = Files.readAllBytes(good);
		Path bad = dir.resolve("in/b.jpg");
		Files.write(bad, Arrays.copyOf(jpeg, jpeg.length / 3));
		Files.writeString(dir.resolve("in/readme.txt"), "not an image, not an input");
		Path out = dir.resolve("out");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> seen = new ArrayList<>();
		BatchRunner.Summary s = new BatchRunner(dir.resolve("in"), out).errors(new PrintStream(err, true, StandardCharsets.UTF_8)).run(opening(seen));
		assertEquals(List.of("a", "c"), seen, "sorted, and the file after the bad one was processed");
		assertEquals(3, s.items().size());
		assertEquals(2, s.succeeded());
		assertEquals(1, s.failures().size());
		assertEquals(bad, s.failures().get(0).file());
		assertEquals(1, s.exitCode());
		String stderr = err.toString(StandardCharsets.UTF_8);
		assertTrue(stderr.contains("FAILED " + bad), stderr);
		List<String> csv = Files.readAllLines(out.resolve(BatchRunner.FAILURES_CSV));
		assertEquals("file,error", csv.get(0));
		assertEquals(2, csv.size());
		assertTrue(csv.get(1).startsWith(bad.toString() + ","), csv.get(1));
		assertTrue(Files.exists(out.resolve("a.txt")) && Files.exists(out.resolve("c.txt")));
	}

	@Test
	void allGoodGivesExitCodeZeroAndAnEmptyFailureList() throws IOException {
		image("a.png");
		BatchRunner.Summary s = new BatchRunner(dir.resolve("in"), dir.resolve("out")).errors(null).run((item, p) -> {});
		assertEquals(0, s.exitCode());
		assertEquals(List.of("file,error"), Files.readAllLines(s.failuresCsv()));
	}

	@Test
	void singleFileInputIsProcessedWhateverItsExtension() throws IOException {
		Path f = image("x.png");
		Path renamed = Files.move(f, f.resolveSibling("x.data"));
		List<String> seen = new ArrayList<>();
		BatchRunner.Summary s = new BatchRunner(renamed, dir.resolve("out")).run(opening(seen));
		assertEquals(List.of("x"), seen);
		assertEquals(0, s.exitCode());
	}

	@Test
	void recursiveModeGivesUniqueDeterministicOutputNames() throws IOException {
		for (String r : new String[] { "b/a.png", "a.png", "a.jpg", "b_a.png", "sub/dir/f.tif", "UPPER.PNG", ".hidden/x.png", ".y.png" })
			image(r);
		BatchRunner runner = new BatchRunner(dir.resolve("in"), dir.resolve("out")).recursive(true);
		List<String> rel = new ArrayList<>(), names = new ArrayList<>();
		for (BatchItem item : runner.items()) {
			rel.add(item.relativePath().toString().replace('\\', '/'));
			names.add(item.outputName());
		}
		assertEquals(List.of("UPPER.PNG", "a.jpg", "a.png", "b/a.png", "b_a.png", "sub/dir/f.tif"), rel);
		assertEquals(List.of("UPPER", "a_jpg", "a_png", "b_a_png", "b_a_png-2", "sub_dir_f"), names);
		assertEquals(names.size(), names.stream().map(String::toLowerCase).distinct().count());
		// non-recursive: only the top level; subfolders hinted at when nothing is found
		assertEquals(4, new BatchRunner(dir.resolve("in"), dir.resolve("out")).items().size());
	}

	@Test
	void outputNamesRules() {
		assertEquals(List.of("a", "b"), OutputNames.assign(List.of(Path.of("a.png"), Path.of("b.png"))));
		assertEquals(List.of("A_png", "a_PNG-2"), OutputNames.assign(List.of(Path.of("A.png"), Path.of("a.PNG"))));
		assertEquals(List.of("p_q_r"), OutputNames.assign(List.of(Path.of("p", "q", "r.tif"))));
		assertEquals(List.of("noext"), OutputNames.assign(List.of(Path.of("noext"))));
	}

	@Test
	void emptyFolderAndMissingInputAreSetupErrors() throws IOException {
		Files.createDirectories(dir.resolve("in/sub"));
		BatchSetupException e = assertThrows(BatchSetupException.class, () -> new BatchRunner(dir.resolve("in"), dir.resolve("out")).run((i, p) -> {}));
		assertTrue(e.getMessage().contains("no image files") && e.getMessage().contains("--recursive"), e.getMessage());
		e = assertThrows(BatchSetupException.class, () -> new BatchRunner(dir.resolve("nope"), dir.resolve("out")).run((i, p) -> {}));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
	}

	@Test
	void outputThatIsAFileOrCannotBeCreatedIsRefusedBeforeAnyWork() throws IOException {
		image("a.png");
		Path file = Files.writeString(dir.resolve("taken"), "x");
		AtomicBoolean ran = new AtomicBoolean();
		BatchSetupException e = assertThrows(BatchSetupException.class, () -> new BatchRunner(dir.resolve("in"), file).run((i, p) -> ran.set(true)));
		assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
		e = assertThrows(BatchSetupException.class, () -> new BatchRunner(dir.resolve("in"), file.resolve("sub")).run((i, p) -> ran.set(true)));
		assertTrue(e.getMessage().contains("cannot be created") && e.getMessage().contains(file.resolve("sub").toString()), e.getMessage());
		assertFalse(ran.get());
	}

	@Test
	void readOnlyOutputFolderIsRefused() throws IOException {
		Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions needed");
		Path ro = Files.createDirectory(dir.resolve("ro"));
		Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			Assumptions.assumeFalse(Files.isWritable(ro), "running as root: permissions are not enforced, test skipped");
			BatchSetupException e = assertThrows(BatchSetupException.class, () -> BatchRunner.prepareOutputFolder(ro));
			assertTrue(e.getMessage().contains("not writable"), e.getMessage());
		}
		finally {
			Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void ownResultsInTheOutputFolderAreNotInputs() throws IOException {
		image("a.png");
		Path in = dir.resolve("in");
		Files.writeString(in.resolve("a_cells.tif"), "result");
		List<BatchItem> items = new BatchRunner(in, in).outputSuffixes(List.of("_cells.tif")).items();
		assertEquals(1, items.size());
		Files.delete(in.resolve("a_cells.tif"));
		image("res/old_cells.tif");
		items = new BatchRunner(in, in.resolve("res")).recursive(true).items();
		assertEquals(1, items.size(), "output folder inside the input folder is skipped");
	}

	@Test
	void anEarlierRunsResultFolderInsideTheInputIsNotInput() throws IOException {
		image("a.png");
		image("b.png");
		Path in = dir.resolve("in");
		List<String> seenA = new ArrayList<>();
		BatchRunner.Summary a = new BatchRunner(in, in.resolve("runA")).recursive(true).outputSuffixes(List.of(".txt", "_classified.png"))
			.errors(null).run(writingResults(seenA));
		assertEquals(2, a.succeeded());
		assertTrue(Files.exists(in.resolve("runA/a_classified.png")));
		// run B: another output folder; runA (with its failures.csv) and *_classified.png are results, not inputs
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		List<String> seenB = new ArrayList<>();
		BatchRunner.Summary b = new BatchRunner(in, in.resolve("runB")).recursive(true).outputSuffixes(List.of(".txt", "_classified.png"))
			.errors(new java.io.PrintStream(err, true)).run(writingResults(seenB));
		assertEquals(List.of("a", "b"), seenB);
		assertEquals(2, b.items().size());
		assertTrue(err.toString().contains("runA"), err.toString());
		// a result file outside any result folder is not an input either
		Files.copy(in.resolve("runA/a_classified.png"), in.resolve("moved_classified.png"));
		assertEquals(2, new BatchRunner(in, dir.resolve("out")).recursive(true).outputSuffixes(List.of("_classified.png")).items().size());
		// a folder whose failures.csv is not LeukoCNN's is still input
		Files.writeString(in.resolve("runA/failures.csv"), "patient,notes\n");
		assertEquals(5, new BatchRunner(in, dir.resolve("out")).recursive(true).items().size(), "a, b, moved_ and runA's two");
	}

	@Test
	void outputFolderReachedThroughASymlinkedInputIsNotInput() throws IOException {
		image("a.png");
		Path real = dir.resolve("in");
		Path link = Files.createSymbolicLink(dir.resolve("link"), real);
		Path res = Files.createDirectories(real.resolve("res"));
		image("res/a_out.png"); // a result that does not carry a known suffix: only the folder tells
		List<String> seen = new ArrayList<>();
		BatchRunner.Summary s = new BatchRunner(link, res).recursive(true).errors(null).run(writingResults(seen));
		assertEquals(List.of("a"), seen);
		assertEquals(1, s.items().size());
	}

	@Test
	void aBrokenLinkWithAnImageExtensionIsAFailedItem() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.createSymbolicLink(in.resolve("gone.png"), dir.resolve("missing.png"));
		Files.createSymbolicLink(in.resolve("notes.txt"), dir.resolve("missing.txt"));
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		BatchRunner.Summary s = new BatchRunner(in, dir.resolve("out")).errors(new java.io.PrintStream(err, true)).run((i, p) -> {});
		assertEquals(1, s.failures().size(), s.failures().toString());
		assertTrue(s.failures().get(0).message().contains("is a broken link to " + dir.resolve("missing.png")), s.failures().get(0).message());
		assertEquals(1, s.exitCode());
		assertTrue(Files.readString(dir.resolve("out/failures.csv")).contains("gone.png"));
		assertTrue(err.toString().contains("broken link"), err.toString());
	}

	@Test
	void anImageThatNowFailsLosesAnEarlierRunsResultsUnlessItWasRefusedBecauseOfThem() throws IOException {
		image("a.png");
		image("b.png");
		Path in = dir.resolve("in"), out = dir.resolve("out");
		List<String> suffixes = List.of(".txt", "_classified.png");
		assertEquals(2, new BatchRunner(in, out).outputSuffixes(suffixes).errors(null).run(writingResults(new ArrayList<>())).succeeded());
		assertTrue(Files.exists(out.resolve("b_classified.png")));
		// run 2 (as under --overwrite): b now fails, so b's files are an earlier run's and go
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		BatchRunner.Summary s = new BatchRunner(in, out).outputSuffixes(suffixes).errors(new java.io.PrintStream(err, true)).run((item, p) -> {
			if (item.outputName().equals("b")) throw new java.io.IOException("b cannot be segmented");
			Files.writeString(item.output(".txt"), "new");
		});
		assertEquals(1, s.failures().size());
		assertFalse(Files.exists(out.resolve("b.txt")));
		assertFalse(Files.exists(out.resolve("b_classified.png")));
		assertTrue(Files.exists(out.resolve("a_classified.png")), "a succeeded: its files are not touched");
		String message = s.failures().get(0).message();
		assertTrue(message.contains("b cannot be segmented; its results of an earlier run were removed: b.txt, b_classified.png"), message);
		assertTrue(err.toString().contains("were removed"), err.toString());
		assertTrue(Files.readString(out.resolve(BatchRunner.FAILURES_CSV)).contains("were removed"));
		// without --overwrite the task refuses because of its existing files: they stay
		Files.writeString(out.resolve("b.txt"), "mine");
		s = new BatchRunner(in, out).outputSuffixes(suffixes).errors(null).run((item, p) -> {
			io.github.leukocnn.io.AtomicFiles.checkCanWrite(item.outputs(suffixes), false);
			throw new java.io.IOException("never reached for b");
		});
		assertEquals("mine", Files.readString(out.resolve("b.txt")));
		assertTrue(s.failures().stream().anyMatch(f -> f.message().contains("b.txt already exists")), s.failures().toString());
	}

	@Test
	void segmentWithOverwriteRemovesTheEarlierResultsOfAnImageThatNowFails() throws Exception {
		Path in = dir.resolve("in"), out = dir.resolve("out");
		io.github.leukocnn.testutil.DiscFields.write(in, "a.png", 12);
		io.github.leukocnn.testutil.DiscFields.write(in, "b.png", 12, 12);
		SegmentBatch.Options options = new SegmentBatch.Options(in, out, 0, 1, false, true);
		assertEquals(0, SegmentBatch.run(io.github.leukocnn.testutil.DarkBlobSegmenter::new, options, io.github.leukocnn.progress.ProgressListener.NONE, null, null).exitCode());
		for (Path f : io.github.leukocnn.io.SegmentationWriter.outputs(out, "b"))
			assertTrue(Files.exists(f), f.toString());
		Files.writeString(in.resolve("b.png"), "no longer an image");
		BatchRunner.Summary s = SegmentBatch.run(io.github.leukocnn.testutil.DarkBlobSegmenter::new, options, io.github.leukocnn.progress.ProgressListener.NONE, null, null);
		assertEquals(1, s.failures().size());
		for (Path f : io.github.leukocnn.io.SegmentationWriter.outputs(out, "b"))
			assertFalse(Files.exists(f), f + " of an earlier run was left beside a failure");
		assertTrue(Files.exists(out.resolve("a_cells.tif")));
		assertTrue(s.failures().get(0).message().contains("were removed: b_cells.tif"), s.failures().get(0).message());
	}

	/** Writes NAME.txt and NAME_classified.png as a batch verb writes its per-image results. */
	private static BatchRunner.Task writingResults(List<String> seen) {
		return (item, progress) -> {
			SmearImages.openRgb(item.file());
			seen.add(item.outputName());
			Files.writeString(item.output(".txt"), item.relativePath().toString());
			Files.copy(item.file(), item.output("_classified.png"));
		};
	}

	@Test
	void parallelRunGivesTheSameResultAsSerial() throws IOException {
		for (int i = 0; i < 7; i++)
			image("f" + i + ".png");
		Files.writeString(dir.resolve("in/bad.png"), "garbage");
		List<String> serial = Collections.synchronizedList(new ArrayList<>()), parallel = Collections.synchronizedList(new ArrayList<>());
		BatchRunner.Summary s1 = new BatchRunner(dir.resolve("in"), dir.resolve("o1")).errors(null).run(opening(serial));
		BatchRunner.Summary s2 = new BatchRunner(dir.resolve("in"), dir.resolve("o2")).errors(null).threads(3).run(opening(parallel));
		assertEquals(s1.failures(), s2.failures());
		assertEquals(7, s2.succeeded());
		Collections.sort(parallel);
		assertEquals(serial, parallel);
		assertEquals(Files.readString(s1.failuresCsv()), Files.readString(s2.failuresCsv()));
	}

	@Test
	void cancellationStopsBeforeTheNextImageAndReportsProgress() throws IOException {
		for (int i = 0; i < 5; i++)
			image("f" + i + ".png");
		RecordingProgress listener = new RecordingProgress();
		List<String> seen = new ArrayList<>();
		BatchRunner.Summary s = new BatchRunner(dir.resolve("in"), dir.resolve("out")).progress(listener).run((item, p) -> {
			seen.add(item.outputName());
			if (seen.size() == 2) listener.cancel();
		});
		assertEquals(List.of("f0", "f1"), seen);
		assertTrue(s.cancelled());
		assertEquals(1, s.exitCode());
		assertEquals(2, s.succeeded());
		for (int i = 1; i < listener.fractions.size(); i++)
			assertTrue(listener.fractions.get(i) >= listener.fractions.get(i - 1), "progress never goes back: " + listener.fractions);
	}

	@Test
	void cancellingAParallelBatchStopsIt() throws IOException {
		for (int i = 0; i < 12; i++)
			image("f" + (char) ('a' + i) + ".png");
		RecordingProgress listener = new RecordingProgress();
		java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
		BatchRunner.Summary s = new BatchRunner(dir.resolve("in"), dir.resolve("out")).threads(3).progress(listener).run((item, p) -> {
			if (started.incrementAndGet() >= 3) listener.cancel();
			p.checkCancelled(); // work in progress stops too
		});
		assertTrue(s.cancelled());
		assertEquals(1, s.exitCode());
		assertTrue(s.succeeded() <= 2, "at most the images started before the cancel: " + s.succeeded());
		assertTrue(s.failures().isEmpty(), "cancelled images are not failures");
		for (int i = 1; i < listener.fractions.size(); i++)
			assertTrue(listener.fractions.get(i) >= listener.fractions.get(i - 1), "progress never goes back: " + listener.fractions);
	}

	@Test
	void unexpectedExceptionsAreReportedWithTheirTypeAndDoNotStopTheBatch() throws IOException {
		image("a.png");
		image("b.png");
		BatchRunner.Summary s = new BatchRunner(dir.resolve("in"), dir.resolve("out")).errors(null).run((item, p) -> {
			if (item.outputName().equals("a")) throw new NullPointerException("bug");
		});
		assertEquals(1, s.succeeded());
		assertEquals("java.lang.NullPointerException: bug", s.failures().get(0).message());
	}
}
