extension Sequential {
    /// Half of the memory this process may use (`MemoryLimit`: the smallest of its address-space limit,
    /// its cgroup's limit and physical memory), or 8 GiB when none can be read: the default `weightBudget`.
    public static var defaultWeightBudget: Int {
        MemoryLimit.bytes.map { $0 / 2 } ?? 8 << 30
    }
}
