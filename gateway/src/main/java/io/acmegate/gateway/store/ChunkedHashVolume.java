package io.acmegate.gateway.store;

import java.io.File;
import java.nio.ByteBuffer;
import net.jpountz.xxhash.StreamingXXHash64;
import org.mapdb.CC;
import org.mapdb.DataInput2;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * MapDB's file volume, except that {@link #hash} reads 64 KiB per call.
 *
 * <p>MapDB's write-ahead log checksums everything it logged on every commit, through
 * {@code Volume.hash}, which reads 128 bytes per call: on a file volume one {@code pread} per
 * 128 bytes, a few hundred per commit, the largest single cost of a commit (perf, benchmarks/README.md).
 * The hash is the same (XXHash64 streamed over the same bytes, with MapDB's own factory); everything
 * else is {@link FileChannelVol}'s, which is final, hence the delegation.
 */
final class ChunkedHashVolume extends Volume {
    private static final int HASH_CHUNK = 64 * 1024;

    /** Makes these volumes for the store file and for the write-ahead log files next to it. */
    static final VolumeFactory FACTORY = new VolumeFactory() {
        @Override
        public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                boolean fixedSize) {
            return new ChunkedHashVolume(new FileChannelVol(new File(file), readOnly, fileLockWait, sliceShift, initSize));
        }

        @Override
        public boolean exists(String file) {
            return FileChannelVol.FACTORY.exists(file);
        }

        @Override
        public boolean handlesReadonly() {
            return FileChannelVol.FACTORY.handlesReadonly();
        }
    };

    private final FileChannelVol file;

    private ChunkedHashVolume(FileChannelVol file) {
        this.file = file;
    }

    @Override
    public long hash(long offset, long length, long seed) {
        StreamingXXHash64 hash = CC.HASH_FACTORY.newStreamingHash64(seed);
        byte[] chunk = new byte[(int) Math.min(HASH_CHUNK, length)];
        for (long done = 0; done < length; ) {
            int size = (int) Math.min(chunk.length, length - done);
            file.getData(offset + done, chunk, 0, size);
            hash.update(chunk, 0, size);
            done += size;
        }
        return hash.getValue();
    }

    @Override
    public boolean isClosed() {
        return file.isClosed();
    }

    @Override
    public void ensureAvailable(long offset) {
        file.ensureAvailable(offset);
    }

    @Override
    public void truncate(long size) {
        file.truncate(size);
    }

    @Override
    public void putLong(long offset, long value) {
        file.putLong(offset, value);
    }

    @Override
    public void putInt(long offset, int value) {
        file.putInt(offset, value);
    }

    @Override
    public void putByte(long offset, byte value) {
        file.putByte(offset, value);
    }

    @Override
    public void putData(long offset, byte[] src, int srcPos, int srcSize) {
        file.putData(offset, src, srcPos, srcSize);
    }

    @Override
    public void putData(long offset, ByteBuffer buf) {
        file.putData(offset, buf);
    }

    @Override
    public long getLong(long offset) {
        return file.getLong(offset);
    }

    @Override
    public int getInt(long offset) {
        return file.getInt(offset);
    }

    @Override
    public byte getByte(long offset) {
        return file.getByte(offset);
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
        return file.getDataInput(offset, size);
    }

    @Override
    public void getData(long offset, byte[] bytes, int bytesPos, int size) {
        file.getData(offset, bytes, bytesPos, size);
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public void sync() {
        file.sync();
    }

    @Override
    public int sliceSize() {
        return file.sliceSize();
    }

    @Override
    public boolean isSliced() {
        return file.isSliced();
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public boolean isReadOnly() {
        return file.isReadOnly();
    }

    @Override
    public File getFile() {
        return file.getFile();
    }

    @Override
    public boolean getFileLocked() {
        return file.getFileLocked();
    }

    @Override
    public void clear(long startOffset, long endOffset) {
        file.clear(startOffset, endOffset);
    }
}
