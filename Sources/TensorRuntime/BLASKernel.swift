import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernel family runs the matrix products.
///
/// OpenBLAS (Debian's 0.3.21, built with DYNAMIC_ARCH) picks its kernels from the CPU model; under some
/// hypervisors the model is generic and it falls back to "Prescott" (SSE3), 5-8x slower than the AVX-512
/// kernels the CPU supports. The choice can only be made through OPENBLAS_CORETYPE before the library
/// loads, so the executable calls `preferredCoreType()` at start and re-executes itself once with it set.
public enum BLASKernel {
    /// The kernel family OpenBLAS chose (e.g. "Prescott", "SkylakeX").
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// OpenBLAS's build description (version, DYNAMIC_ARCH, the kernel family, threads).
    public static var config: String { openblas_get_config().map { String(cString: $0) } ?? "unknown" }

    /// A better OPENBLAS_CORETYPE for this CPU, or nil when OpenBLAS's own choice should stand
    /// (it chose a non-generic kernel, the user set the variable, or the CPU flags can't be read).
    public static func preferredCoreType() -> String? {
        guard getenv("OPENBLAS_CORETYPE") == nil else { return nil }
        let generic: Set<String> = ["Prescott", "Core2", "Nehalem", "Katmai", "Coppermine", "Northwood", "Banias", "Atom", "Penryn", "Dunnington", "unknown"]
        guard generic.contains(coreName) else { return nil }
        return cpuCoreType()
    }

    /// The newest kernel family the CPU's flags allow (whatever OpenBLAS chose), or nil when unknown.
    public static func cpuCoreType() -> String? {
        guard let flags = cpuFlags() else { return nil }
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) {
            return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX"
        }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        if flags.contains("avx") { return "SandyBridge" }
        return nil
    }

    /// The `flags` line of /proc/cpuinfo (Linux), as a set.
    static func cpuFlags() -> Set<String>? {
        guard let f = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(f) }
        var line: UnsafeMutablePointer<CChar>?
        var cap = 0
        defer { free(line) }
        while getline(&line, &cap, f) > 0 {
            guard let line else { break }
            let s = String(cString: line)
            if s.hasPrefix("flags") {
                return Set(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == ":" }).map(String.init))
            }
        }
        return nil
    }
}
