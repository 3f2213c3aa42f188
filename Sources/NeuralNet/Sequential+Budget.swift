#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Sequential {
    /// Half of the machine's physical memory (sysconf), or 8 GiB when it cannot be read: the default
    /// `weightBudget` of a model.
    public static var defaultWeightBudget: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 8 << 30 }
        let (physical, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
        return overflow ? Int.max / 2 : physical / 2
    }
}
