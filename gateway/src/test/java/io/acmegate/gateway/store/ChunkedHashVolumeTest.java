package io.acmegate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;

class ChunkedHashVolumeTest {
    private static final int SIZE = 300_000;

    /** The write-ahead log's checksums must not change: a log written before must replay after, and back. */
    @Test
    void hashesEveryRangeAsMapDbsFileVolumeDoes(@TempDir Path dir) {
        byte[] content = new byte[SIZE];
        new Random(8555).nextBytes(content);
        String file = dir.resolve("wal.0").toString();
        Volume chunked = ChunkedHashVolume.FACTORY.makeVolume(file, false);
        chunked.ensureAvailable(SIZE);
        chunked.putData(0, content, 0, SIZE);
        chunked.sync();
        chunked.close();
        Volume chunkedAgain = ChunkedHashVolume.FACTORY.makeVolume(file, true);
        Volume mapDbs = FileChannelVol.FACTORY.makeVolume(file, true);
        try {
            // unaligned starts, lengths under, at and over both chunk sizes (128 bytes in MapDB, 64 KiB here)
            long[][] ranges = {{0, 0}, {0, 1}, {3, 127}, {100, 128}, {129, 4_000}, {1, 65_536}, {77, 65_537},
                    {5, 200_000}, {0, SIZE}};
            for (long[] range : ranges) {
                assertEquals(mapDbs.hash(range[0], range[1], 111L), chunkedAgain.hash(range[0], range[1], 111L),
                        "hash of " + range[1] + " bytes at " + range[0]);
            }
            assertNotEquals(chunkedAgain.hash(0, 1000, 111L), chunkedAgain.hash(1, 1000, 111L));
        } finally {
            chunkedAgain.close();
            mapDbs.close();
        }
    }
}
