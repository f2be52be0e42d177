package io.acmegate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;

class BufferedFileVolumeTest {
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    /** The write-ahead log's checksums must not change: a log written before must replay after, and back. */
    @Test
    void hashesEveryRangeAsMapDbsFileVolumeDoes() {
        byte[] content = new byte[SIZE];
        new Random(8555).nextBytes(content);
        String file = dir.resolve("wal.0").toString();
        Volume buffered = BufferedFileVolume.FACTORY.makeVolume(file, false);
        buffered.ensureAvailable(SIZE);
        buffered.putData(0, content, 0, SIZE);
        Volume mapDbs = FileChannelVol.FACTORY.makeVolume(file, true);
        try {
            // unaligned starts, lengths under, at and over both chunk sizes (128 bytes in MapDB, 64 KiB here)
            long[][] ranges = {{0, 0}, {0, 1}, {3, 127}, {100, 128}, {129, 4_000}, {1, 65_536}, {77, 65_537},
                    {5, 200_000}, {0, SIZE}};
            long[] unsynced = new long[ranges.length];
            for (int i = 0; i < ranges.length; i++) {
                unsynced[i] = buffered.hash(ranges[i][0], ranges[i][1], 111L);
            }
            buffered.sync();
            for (int i = 0; i < ranges.length; i++) {
                long[] range = ranges[i];
                String what = "hash of " + range[1] + " bytes at " + range[0];
                assertEquals(mapDbs.hash(range[0], range[1], 111L), buffered.hash(range[0], range[1], 111L), what);
                assertEquals(unsynced[i], buffered.hash(range[0], range[1], 111L), what + ", before the sync");
            }
            assertNotEquals(buffered.hash(0, 1000, 111L), buffered.hash(1, 1000, 111L));
        } finally {
            buffered.close();
            mapDbs.close();
        }
    }

    /**
     * Random writes of every width, overlapping, adjacent and apart, read back before and after syncs, truncation
     * and clearing, against a plain array: the volume reads what was written last, and the file holds it after a
     * sync or a close.
     */
    @Test
    void readsWhatWasWrittenLastAndTheFileHoldsItAfterSync() throws Exception {
        int size = 64 * 1024;
        Path path = dir.resolve("store");
        Volume volume = BufferedFileVolume.FACTORY.makeVolume(path.toString(), false);
        volume.ensureAvailable(size);
        byte[] model = new byte[(int) volume.length()]; // MapDB grows files a slice (1 MiB) at a time
        Random random = new Random(7515);
        for (int step = 0; step < 20_000; step++) {
            int offset = random.nextInt(size - 600);
            switch (random.nextInt(12)) {
                case 0, 1, 2 -> {
                    byte[] data = new byte[1 + random.nextInt(random.nextBoolean() ? 8 : 500)];
                    random.nextBytes(data);
                    volume.putData(offset, data, 0, data.length);
                    System.arraycopy(data, 0, model, offset, data.length);
                }
                case 3 -> {
                    byte[] data = new byte[20];
                    random.nextBytes(data);
                    volume.putData(offset, ByteBuffer.wrap(data, 5, 10));
                    System.arraycopy(data, 5, model, offset, 10);
                }
                case 4 -> {
                    long value = random.nextLong();
                    volume.putLong(offset, value);
                    ByteBuffer.wrap(model, offset, 8).putLong(value);
                }
                case 5 -> {
                    int value = random.nextInt();
                    volume.putInt(offset, value);
                    ByteBuffer.wrap(model, offset, 4).putInt(value);
                }
                case 6 -> {
                    byte value = (byte) random.nextInt();
                    volume.putByte(offset, value);
                    model[offset] = value;
                }
                case 7 -> {
                    int length = 1 + random.nextInt(600);
                    byte[] read = new byte[length];
                    volume.getData(offset, read, 0, length);
                    assertArrayEquals(Arrays.copyOfRange(model, offset, offset + length), read, "step " + step);
                }
                case 8 -> {
                    assertEquals(ByteBuffer.wrap(model, offset, 8).getLong(), volume.getLong(offset), "step " + step);
                    assertEquals(ByteBuffer.wrap(model, offset, 4).getInt(), volume.getInt(offset), "step " + step);
                    assertEquals(model[offset], volume.getByte(offset), "step " + step);
                    assertEquals(ByteBuffer.wrap(model, offset, 8).getLong(),
                            volume.getDataInput(offset, 8).readLong(), "step " + step);
                }
                case 9 -> {
                    if (random.nextInt(20) == 0) {
                        volume.sync();
                        assertArrayEquals(model, Files.readAllBytes(path), "the file after a sync, step " + step);
                    }
                }
                case 10 -> {
                    int end = Math.min(size, offset + random.nextInt(300));
                    volume.clear(offset, end);
                    Arrays.fill(model, offset, end, (byte) 0);
                }
                default -> {
                    if (random.nextInt(50) == 0) {
                        int keep = size - random.nextInt(1000);
                        volume.truncate(keep);
                        volume.ensureAvailable(size);
                        Arrays.fill(model, keep, model.length, (byte) 0);
                    }
                }
            }
        }
        volume.close();
        assertArrayEquals(model, Files.readAllBytes(path), "the file after close");
    }
}
