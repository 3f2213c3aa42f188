import Testing
import NeuralNet

/// The memory a process may use is the smallest of its address-space limit, its cgroup's limit and
/// physical memory; a model's weights may take half of it (the process-level check, under
/// `prlimit --as`, is `MemoryLimitCommandLineTests`).
@Suite struct MemoryLimitTests {
    @Test func theSmallestPositiveLimitWins() {
        #expect(MemoryLimit.smallest([16 << 30, 8_000_000_000, nil]) == 8_000_000_000)
        #expect(MemoryLimit.smallest([16 << 30, nil, 2 << 30]) == 2 << 30)
        #expect(MemoryLimit.smallest([nil, nil, nil]) == nil)
        #expect(MemoryLimit.smallest([0, -1, 5]) == 5)
    }

    @Test(arguments: [("max\n", nil), ("8589934592\n", 8_589_934_592), ("  1024 ", 1024), ("", nil), ("0", nil),
                      ("12 34", nil), ("9223372036854771712\n", 9_223_372_036_854_771_712), ("lots", nil)] as [(String, Int?)])
    func cgroupFilesAreRead(_ text: String, _ expected: Int?) {
        #expect(MemoryLimit.cgroupValue(text) == expected)
    }

    @Test func theDefaultBudgetIsHalfTheLimit() throws {
        let limit = try #require(MemoryLimit.bytes)
        #expect(Sequential.defaultWeightBudget == limit / 2)
        #expect(try Sequential(inputShape: [4]).weightBudget == limit / 2)
    }
}
