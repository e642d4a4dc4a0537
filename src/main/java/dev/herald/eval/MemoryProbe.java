package dev.herald.eval;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Memory figures: the largest used heap seen by {@link #sample()}, the sum of the heap pools' peak usage (an upper
 * bound: pools peak at different times), and the process's resident set (VmHWM peak and VmRSS now) from
 * {@code /proc/self/status} where that exists.
 */
public final class MemoryProbe {

    private long maxSampledHeap;

    /** Records the heap in use now. Cheap; call it between units of work. */
    public void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (used > maxSampledHeap) maxSampledHeap = used;
    }

    public long maxSampledHeapBytes() {
        return maxSampledHeap;
    }

    /** Sum over heap pools of their peak usage since the JVM started. */
    public static long heapPoolPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** A {@code kB} field of {@code /proc/self/status} in bytes, when present (Linux). */
    public static OptionalLong procStatus(String field) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return OptionalLong.empty();
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    String v = line.substring(field.length() + 1).trim().replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(v) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** All figures in MiB (null where unavailable). */
    public Map<String, Object> report() {
        sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_heap_sampled_mib", mib(maxSampledHeap));
        m.put("peak_heap_pools_sum_mib", mib(heapPoolPeakBytes()));
        m.put("max_heap_mib", mib(Runtime.getRuntime().maxMemory()));
        OptionalLong hwm = procStatus("VmHWM");
        OptionalLong rss = procStatus("VmRSS");
        m.put("rss_peak_vmhwm_mib", hwm.isPresent() ? mib(hwm.getAsLong()) : null);
        m.put("rss_now_vmrss_mib", rss.isPresent() ? mib(rss.getAsLong()) : null);
        return m;
    }

    /** Bytes in MiB, to one decimal. */
    public static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }
}
