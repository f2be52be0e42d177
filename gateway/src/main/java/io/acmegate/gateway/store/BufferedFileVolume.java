package io.acmegate.gateway.store;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import net.jpountz.xxhash.StreamingXXHash64;
import org.mapdb.CC;
import org.mapdb.DataInput2;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * MapDB's file volume with its writes held in memory until {@link #sync}, and its hash read in large chunks.
 *
 * <p>Why: MapDB's write-ahead log writes its instructions a byte or a long at a time, and on a file volume
 * each is a {@code pwrite}, a few hundred per issuance; at commit it checksums the log through
 * {@link Volume#hash}, one {@code pread} per 128 bytes. Perf showed both among the largest costs of an
 * issuance (benchmarks/README.md). Here writes gather into extents that {@code sync} writes with one
 * {@code pwrite} each before it forces the file, reads see them, and the hash reads 64 KiB at a time.
 *
 * <p>Crash safety is MapDB's and unchanged: MapDB treats nothing as durable before it has called
 * {@code sync}, and {@code sync} still writes everything before it forces. The file format is MapDB's.
 * MapDB's own locks keep concurrent readers off the bytes being written, as they do for its volumes.
 */
final class BufferedFileVolume extends Volume {
    private static final int HASH_CHUNK = 64 * 1024;

    /** Makes these volumes for the store file and for the write-ahead log files next to it. */
    static final VolumeFactory FACTORY = new VolumeFactory() {
        @Override
        public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                boolean fixedSize) {
            return new BufferedFileVolume(
                    new FileChannelVol(new File(file), readOnly, fileLockWait, sliceShift, initSize));
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
    /** Writes not yet in the file: disjoint, non-adjacent extents by start offset. Guarded by {@code this}. */
    private final TreeMap<Long, Extent> pending = new TreeMap<>();
    /** Whether {@link #pending} may hold anything: lets reads of a clean volume skip the lock. */
    private volatile boolean dirty;

    private BufferedFileVolume(FileChannelVol file) {
        this.file = file;
    }

    /** Bytes to be written at {@code start}; grows when later writes extend it. */
    private static final class Extent {
        final long start;
        byte[] bytes;
        int length;

        Extent(long start, byte[] src, int srcPos, int size) {
            this.start = start;
            this.bytes = Arrays.copyOfRange(src, srcPos, srcPos + Math.max(size, 16));
            this.length = size;
        }

        long end() {
            return start + length;
        }

        /** Copies src over [offset, offset + size), which starts within or right after this extent. */
        void write(long offset, byte[] src, int srcPos, int size) {
            int at = (int) (offset - start);
            if (at + size > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(at + size, bytes.length * 2));
            }
            System.arraycopy(src, srcPos, bytes, at, size);
            length = Math.max(length, at + size);
        }
    }

    @Override
    public void putData(long offset, byte[] src, int srcPos, int srcSize) {
        if (srcSize == 0) {
            return;
        }
        synchronized (this) {
            Map.Entry<Long, Extent> before = pending.floorEntry(offset);
            Extent target = before != null && before.getValue().end() >= offset ? before.getValue() : null;
            if (target == null) {
                target = new Extent(offset, src, srcPos, srcSize);
                pending.put(offset, target);
            } else {
                target.write(offset, src, srcPos, srcSize);
            }
            // Extents the write reached into or now touches become part of it; the newer bytes win.
            for (Map.Entry<Long, Extent> next = pending.higherEntry(target.start);
                 next != null && next.getKey() <= target.end();
                 next = pending.higherEntry(target.start)) {
                Extent absorbed = pending.remove(next.getKey());
                long overlap = target.end() - absorbed.start;
                if (overlap < absorbed.length) {
                    target.write(target.end(), absorbed.bytes, (int) overlap, (int) (absorbed.length - overlap));
                }
            }
            dirty = true;
        }
    }

    @Override
    public void putData(long offset, ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        putData(offset, bytes, 0, bytes.length);
    }

    @Override
    public void putLong(long offset, long value) {
        byte[] bytes = new byte[8];
        ByteBuffer.wrap(bytes).putLong(value);
        putData(offset, bytes, 0, 8);
    }

    @Override
    public void putInt(long offset, int value) {
        byte[] bytes = new byte[4];
        ByteBuffer.wrap(bytes).putInt(value);
        putData(offset, bytes, 0, 4);
    }

    @Override
    public void putByte(long offset, byte value) {
        putData(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public void getData(long offset, byte[] bytes, int bytesPos, int size) {
        if (!dirty) {
            file.getData(offset, bytes, bytesPos, size);
            return;
        }
        synchronized (this) {
            long end = offset + size;
            Map.Entry<Long, Extent> first = pending.floorEntry(offset);
            boolean covered = first != null && first.getValue().end() >= end;
            if (!covered) {
                file.getData(offset, bytes, bytesPos, size);
            }
            Long from = first != null ? first.getKey() : offset;
            for (Extent extent : pending.subMap(from, true, end, false).values()) {
                long lo = Math.max(offset, extent.start);
                long hi = Math.min(end, extent.end());
                if (lo < hi) {
                    System.arraycopy(extent.bytes, (int) (lo - extent.start), bytes, (int) (bytesPos + lo - offset),
                            (int) (hi - lo));
                }
            }
        }
    }

    @Override
    public long getLong(long offset) {
        byte[] bytes = new byte[8];
        getData(offset, bytes, 0, 8);
        return ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public int getInt(long offset) {
        byte[] bytes = new byte[4];
        getData(offset, bytes, 0, 4);
        return ByteBuffer.wrap(bytes).getInt();
    }

    @Override
    public byte getByte(long offset) {
        byte[] bytes = new byte[1];
        getData(offset, bytes, 0, 1);
        return bytes[0];
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
        byte[] bytes = new byte[size];
        getData(offset, bytes, 0, size);
        return new DataInput2.ByteArray(bytes);
    }

    @Override
    public long hash(long offset, long length, long seed) {
        StreamingXXHash64 hash = CC.HASH_FACTORY.newStreamingHash64(seed);
        byte[] chunk = new byte[(int) Math.min(HASH_CHUNK, length)];
        for (long done = 0; done < length; ) {
            int size = (int) Math.min(chunk.length, length - done);
            getData(offset + done, chunk, 0, size);
            hash.update(chunk, 0, size);
            done += size;
        }
        return hash.getValue();
    }

    /** Writes every pending extent to the file, one write each. */
    private synchronized void flush() {
        for (Extent extent : pending.values()) {
            file.putData(extent.start, extent.bytes, 0, extent.length);
        }
        pending.clear();
        dirty = false;
    }

    @Override
    public synchronized void sync() {
        flush();
        file.sync();
    }

    @Override
    public synchronized void close() {
        if (!file.isClosed()) {
            flush(); // what MapDB wrote is in the file when it closes, as with its own file volume
        }
        file.close();
    }

    @Override
    public synchronized void truncate(long size) {
        flush();
        file.truncate(size);
    }

    @Override
    public synchronized void clear(long startOffset, long endOffset) {
        flush();
        file.clear(startOffset, endOffset);
    }

    @Override
    public void ensureAvailable(long offset) {
        file.ensureAvailable(offset);
    }

    @Override
    public boolean isClosed() {
        return file.isClosed();
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
}
