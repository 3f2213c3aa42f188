import Foundation

/// The process's page faults and resident memory (Linux: getrusage, /proc/self).
enum ResourceUsage {
    /// Minor page faults so far (pages mapped without reading a file: first touches of new memory).
    static func minorFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_minflt)
    }

    /// Starts a new peak: Linux resets the high-water mark (VmHWM) to the current resident size when
    /// 5 is written to /proc/self/clear_refs. Elsewhere nothing happens and the peak is the process's.
    static func resetPeak() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }

    /// The process's peak resident bytes (ru_maxrss), whatever `resetPeak` did.
    static func processPeakBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// The peak resident bytes since `resetPeak` (VmHWM), or the process's peak (ru_maxrss).
    static func peakResidentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") {
            return kib * 1024
        }
        return processPeakBytes()
    }
}
