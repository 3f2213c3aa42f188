#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory this process may use: the smallest of its address-space limit (RLIMIT_AS, as `prlimit --as`
/// or `ulimit -v` set it), its cgroup's memory limit (v2 `memory.max`, v1 `memory.limit_in_bytes`) and the
/// machine's physical memory. Models size their weight budget and commands their batches from it, so a
/// limit the process runs under is refused with a message instead of a failed allocation.
public enum MemoryLimit {
    /// The process's limit in bytes, read once; nil when none of the three can be read.
    public static let bytes: Int? = smallest([physicalMemory, addressSpaceLimit, cgroupLimit])

    /// The smallest positive candidate; nil when there is none.
    public static func smallest(_ candidates: [Int?]) -> Int? {
        candidates.compactMap { $0 }.filter { $0 > 0 }.min()
    }

    /// A cgroup memory file's value: bytes, or nil for `max` (no limit) and anything unreadable.
    public static func cgroupValue(_ text: String) -> Int? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 1, let value = Int(words[0]), value > 0 else { return nil }
        return value
    }

    /// sysconf's physical pages times the page size (saturating).
    static var physicalMemory: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let (physical, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
        return overflow ? Int.max : physical
    }

    /// The soft RLIMIT_AS, nil when unlimited (RLIM_INFINITY is the largest value, beyond `Int.max`).
    static var addressSpaceLimit: Int? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
        #else
        let resource = RLIMIT_AS
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(Int.max) else { return nil }
        return Int(limit.rlim_cur)
    }

    /// The memory limit of the process's cgroup (v2, then v1), nil when there is none.
    static var cgroupLimit: Int? {
        var paths: [String] = []
        // /proc/self/cgroup's v2 line is `0::/PATH`; the limit may sit on the process's own group.
        if let own = readSmallFile("/proc/self/cgroup")?.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) {
            let group = own.dropFirst(3)
            if group != "/" { paths.append("/sys/fs/cgroup\(group)/memory.max") }
        }
        paths += ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
        return smallest(paths.map { readSmallFile($0).flatMap(cgroupValue) })
    }

    /// The first 4 KiB of a regular file as text, nil when it cannot be read.
    private static func readSmallFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = fread(&buffer, 1, 4096, file)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
