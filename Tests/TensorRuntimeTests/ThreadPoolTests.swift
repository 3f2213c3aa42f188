import Testing
import TensorRuntime
import TestSupport
import Synchronization
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

// The shared pool: coverage, partitioning, nesting, concurrent callers. Test names contain "ThreadPool" so
// `swift test --sanitize=thread --filter ThreadPool` runs exactly these.

/// Per-index atomic counters that pool tasks may bump from any thread.
final class AtomicSlots: @unchecked Sendable {
    let count: Int
    private let slots: UnsafeMutablePointer<Atomic<Int>>
    init(_ count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        for i in 0..<count { (slots + i).initialize(to: Atomic(0)) }
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func bump(_ i: Int) { slots[i].wrappingAdd(1, ordering: .relaxed) }
    func value(_ i: Int) -> Int { slots[i].load(ordering: .relaxed) }
    var values: [Int] { (0..<count).map(value) }
}

/// Runs `body(t)` on `threads` dispatch threads and waits at most `seconds`; false when they did not all finish
/// (a deadlock shows as a failed expectation instead of a hung suite).
func runOnThreads(_ threads: Int, timeout seconds: Int = 30, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
    let group = DispatchGroup()
    for t in 0..<threads { DispatchQueue.global().async(group: group) { body(t) } }
    return group.wait(timeout: .now() + .seconds(seconds)) == .success
}

@Suite("ThreadPool")
struct ThreadPoolTests {
    let pool = ThreadPool.shared

    @Test func threadPoolHasAtLeastOneThread() {
        #expect(pool.threadCount >= 1)
        #expect(pool.threadCount <= 256)
    }

    @Test("ThreadPool parallelFor runs every index exactly once", arguments: [0, 1, 2, 3, 7, 64, 1000, 10_007])
    func threadPoolParallelForCoversEveryIndexOnce(count: Int) {
        let slots = AtomicSlots(count)
        pool.parallelFor(count) { i in slots.bump(i) }
        #expect(slots.values.allSatisfy { $0 == 1 })
    }

    @Test func threadPoolParallelForWaitsForAllWork() {
        // Slow bodies: parallelFor must not return before the last one has finished.
        let slots = AtomicSlots(64)
        pool.parallelFor(64) { i in
            var x = 0.0
            for k in 0..<20_000 { x += Double(k & 7) }
            if x > 0 { slots.bump(i) }
        }
        #expect(slots.values == [Int](repeating: 1, count: 64))
    }

    @Test("ThreadPool parallelBlocks partitions 0..<n",
          arguments: [(0, 4), (1, 4), (10, 3), (12, 4), (100, 1), (5, 0), (1000, 7), (16_384, 16_384), (16_385, 16_384)])
    func threadPoolParallelBlocksPartition(total: Int, blockSize: Int) {
        let bs = max(blockSize, 1), blocks = (total + bs - 1) / bs
        let covered = AtomicSlots(total)            // how often each element was in a range
        let perBlock = AtomicSlots(blocks)          // how often each block start was seen
        let malformed = AtomicSlots(1)              // ranges that are empty or do not sit on a block boundary
        pool.parallelBlocks(total, blockSize: blockSize) { r in
            let b = r.lowerBound / bs
            if r.isEmpty || r.lowerBound % bs != 0 || b >= blocks || r.upperBound != min(total, (b + 1) * bs) {
                malformed.bump(0)
                return
            }
            perBlock.bump(b)
            for i in r { covered.bump(i) }
        }
        #expect(malformed.value(0) == 0)
        #expect(perBlock.values.allSatisfy { $0 == 1 })
        #expect(covered.values.allSatisfy { $0 == 1 })
    }

    @Test func threadPoolNestedParallelForRunsEverythingWithoutDeadlock() {
        let outer = 8, inner = 50
        let slots = AtomicSlots(outer * inner)
        let finished = runOnThreads(1) { _ in
            ThreadPool.shared.parallelFor(outer) { i in
                ThreadPool.shared.parallelFor(inner) { j in slots.bump(i * inner + j) }
            }
        }
        #expect(finished, "nested parallelFor did not finish")
        #expect(slots.values.allSatisfy { $0 == 1 })
    }

    @Test func threadPoolConcurrentCallersAllComplete() {
        let callers = 6, rounds = 40, count = 97
        let slots = AtomicSlots(callers * count)
        let finished = runOnThreads(callers) { t in
            for _ in 0..<rounds {
                ThreadPool.shared.parallelFor(count) { i in slots.bump(t * count + i) }
            }
        }
        #expect(finished, "concurrent callers did not finish")
        #expect(slots.values.allSatisfy { $0 == rounds })
    }

    @Test func threadPoolManyShortJobsInARow() {
        // Thousands of tiny jobs back to back: a worker that wakes late for a finished job must not
        // disturb the next one (nor keep the caller's closure alive past parallelFor's return).
        let total = Atomic<Int>(0)
        for round in 0..<5_000 {
            let n = 2 + round % 5
            pool.parallelFor(n) { _ in total.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == (0..<5_000).reduce(0) { $0 + 2 + $1 % 5 })
    }

    @Test func threadPoolKernelsFromSeveralThreadsAgree() throws {
        // Several threads run the same pool-parallel conv at once; every result equals the serial reference.
        let x = randomTensor([9, 8, 8, 3], seed: 1), w = randomTensor([3, 3, 3, 4], seed: 2)
        let want = referenceConv2d(x, w, nil, padding: .same).array
        let xs = x.array, ws = w.array
        let good = AtomicSlots(4)
        let finished = runOnThreads(4) { t in
            let y = try? Tensor.conv2d(Tensor(xs, shape: [9, 8, 8, 3]), Tensor(ws, shape: [3, 3, 3, 4]), nil, padding: .same)
            if let y, maxAbsDifference(y.array, want) <= 1e-4 { good.bump(t) }
        }
        #expect(finished)
        #expect(good.values == [1, 1, 1, 1])
    }

    @Test func threadPoolDefaultThreadCountReadsTheEnvironment() {
        _ = ThreadPool.shared.threadCount          // the shared pool has read the variable already
        let saved = getenv("GRADBOOK_THREADS").map { String(cString: $0) }
        defer { if let saved { setenv("GRADBOOK_THREADS", saved, 1) } else { unsetenv("GRADBOOK_THREADS") } }
        setenv("GRADBOOK_THREADS", "3", 1)
        #expect(ThreadPool.defaultThreadCount() == 3)
        setenv("GRADBOOK_THREADS", "100000", 1)
        #expect(ThreadPool.defaultThreadCount() == 256)
        unsetenv("GRADBOOK_THREADS")
        let cores = ThreadPool.defaultThreadCount()
        #expect(cores >= 1)
        for bad in ["0", "-2", "four", ""] {
            setenv("GRADBOOK_THREADS", bad, 1)
            #expect(ThreadPool.defaultThreadCount() == cores, "GRADBOOK_THREADS=\(bad)")
        }
    }
}
