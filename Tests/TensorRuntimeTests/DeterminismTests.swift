import Testing
@testable import TensorRuntime
import TestSupport

@Suite("Determinism")
struct DeterminismTests {
    @Test func sameSeedSameTensors() {
        var r1 = SeededGenerator(seed: 99), r2 = SeededGenerator(seed: 99)
        #expect(bitIdentical(Tensor.uniform([50], -1, 1, rng: &r1).array, Tensor.uniform([50], -1, 1, rng: &r2).array))
        #expect(bitIdentical(Tensor.normal([50], std: 0.5, rng: &r1).array, Tensor.normal([50], std: 0.5, rng: &r2).array))
        #expect(bitIdentical(randomTensor([3, 7], seed: 5).array, randomTensor([3, 7], seed: 5).array))
        #expect(!bitIdentical(randomTensor([3, 7], seed: 5).array, randomTensor([3, 7], seed: 6).array))
    }

    /// Forward and backward of a pool-parallel conv (17 images in blocks of 3) followed by a blocked GEMM.
    private func convNetworkStep() throws -> [[Float]] {
        let x = randomTensor([17, 12, 12, 8], seed: 1, requiresGrad: true)
        let w = randomTensor([3, 3, 8, 16], seed: 2, range: -0.3...0.3, requiresGrad: true)
        let b = randomTensor([16], seed: 3, requiresGrad: true)
        let w2 = randomTensor([16, 10], seed: 4, requiresGrad: true)
        let y = try Tensor.conv2d(x, w, b, stride: 1, padding: .same, activation: .relu)
        let pooled = try Tensor.globalAvgPool(y)
        let logits = try Tensor.linear(pooled, w2, nil)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: randomLabels(count: 17, classes: 10, seed: 5))
        let out = y.array
        loss.backward()
        return [out, [loss.scalar], x.gradArray, w.gradArray, b.gradArray, w2.gradArray]
    }

    @Test func dropoutMaskDependsOnlyOnTheSeedAndShapeNotTheThreads() throws {
        // 3 blocks of 8192 and a short one: each block has its own stream.
        let n = 3 * Tensor.dropoutBlock + 1001
        let runs = try atThreadCounts([1, 2, 3]) { () -> [[Float]] in
            let x = randomTensor([n], seed: 90, requiresGrad: true)
            var rng = SeededGenerator(seed: 91)
            let y = try Tensor.dropout(x, rate: 0.3, rng: &rng)
            Tensor.sum(y).backward()
            return [y.array, x.gradArray, [Float(rng.next() >> 40)]]
        }
        for run in runs.dropFirst() {
            for (a, b) in zip(runs[0], run) { #expect(bitIdentical(a, b)) }
        }
        // The rate holds in every block (not one stream repeated), and a different seed gives another mask.
        let mask = runs[0][1]
        for block in 0..<3 {
            let dropped = mask[block * Tensor.dropoutBlock ..< (block + 1) * Tensor.dropoutBlock].filter { $0 == 0 }.count
            #expect(abs(Double(dropped) / Double(Tensor.dropoutBlock) - 0.3) < 0.03, "block \(block) dropped \(dropped)")
        }
        #expect(mask[0 ..< Tensor.dropoutBlock] != mask[Tensor.dropoutBlock ..< 2 * Tensor.dropoutBlock])
        var other = SeededGenerator(seed: 92)
        let x = randomTensor([n], seed: 90)
        #expect(try Tensor.dropout(x, rate: 0.3, rng: &other).array != runs[0][0])
    }

    @Test func convForwardAndBackwardAreBitIdenticalWhenRepeated() throws {
        let first = try convNetworkStep(), second = try convNetworkStep()
        #expect(first.count == second.count)
        for (i, (a, b)) in zip(first, second).enumerated() {
            #expect(bitIdentical(a, b), "result \(i) differs between runs")
            #expect(a.contains { $0 != 0 }, "result \(i) is all zeros")
        }
    }

    @Test func blockedGemmForwardAndBackwardAreBitIdenticalWhenRepeated() throws {
        func step() throws -> [[Float]] {
            let x = randomTensor([130, 70], seed: 6, requiresGrad: true), w = randomTensor([70, 90], seed: 7, requiresGrad: true)
            let v = randomTensor([20, 70], seed: 8, requiresGrad: true)
            let y = try Tensor.linear(x, w, nil)                       // row blocks
            let z = try Tensor.matmul(v, w)                            // column blocks (m 20, n 90)
            try Tensor.add(Tensor.sumSquares(y), Tensor.sumSquares(z)).backward()
            return [y.array, z.array, x.gradArray, w.gradArray, v.gradArray]
        }
        let a = try step(), b = try step()
        for i in a.indices { #expect(bitIdentical(a[i], b[i]), "result \(i) differs between runs") }
    }
}

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    /// Independent xoshiro256** seeded by splitmix64 (Vigna's reference algorithms).
    struct ReferenceXoshiro {
        var s: [UInt64]
        static func splitmix(_ x: inout UInt64) -> UInt64 {
            x = x &+ 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        init(seed: UInt64) { var x = seed; s = (0..<4).map { _ in Self.splitmix(&x) } }
        static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        mutating func next() -> UInt64 {
            let result = Self.rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = Self.rotl(s[3], 45)
            return result
        }
    }

    @Test func matchesReferenceXoshiro256StarStar() {
        var x: UInt64 = 0
        #expect(ReferenceXoshiro.splitmix(&x) == 0xE220_A839_7B1D_CDAF)   // splitmix64's published first output for seed 0
        for seed: UInt64 in [0, 1, 42, .max] {
            var g = SeededGenerator(seed: seed), r = ReferenceXoshiro(seed: seed)
            for i in 0..<32 { #expect(g.next() == r.next(), "seed \(seed) draw \(i)") }
        }
    }

    @Test func sameSeedSameSequenceDifferentSeedDifferentSequence() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
        let sa = (0..<1000).map { _ in a.next() }, sb = (0..<1000).map { _ in b.next() }, sc = (0..<1000).map { _ in c.next() }
        #expect(sa == sb)
        #expect(sa != sc)
        var d1 = SeededGenerator.derived(seed: 7, stream: 1), d1b = SeededGenerator.derived(seed: 7, stream: 1)
        var d2 = SeededGenerator.derived(seed: 7, stream: 2)
        let x1 = (0..<8).map { _ in d1.next() }
        #expect(x1 == (0..<8).map { _ in d1b.next() })
        #expect(x1 != (0..<8).map { _ in d2.next() })
        #expect(x1 != Array(sa.prefix(8)))
    }

    @Test func normalHasMeanZeroAndStandardDeviationOne() {
        var g = SeededGenerator(seed: 2024)
        let n = 100_000
        var sum = 0.0, sq = 0.0, within1 = 0
        for _ in 0..<n {
            let v = Double(g.normal())
            sum += v; sq += v * v
            if abs(v) < 1 { within1 += 1 }
        }
        let mean = sum / Double(n), std = (sq / Double(n) - mean * mean).squareRoot()
        #expect(abs(mean) < 0.015)
        #expect(abs(std - 1) < 0.015)
        #expect(abs(Double(within1) / Double(n) - 0.6827) < 0.01)
    }

    @Test func uniformDrawsStayInRange() {
        var g = SeededGenerator(seed: 3)
        var lowHalf = 0
        for _ in 0..<10_000 {
            let f = g.nextFloat()
            #expect(f >= 0 && f < 1)
            if f < 0.5 { lowHalf += 1 }
            let u = g.uniform(-2, 5)
            #expect(u >= -2 && u < 5)
        }
        #expect((4_700...5_300).contains(lowHalf))
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func intBelowStaysInRangeAndHitsEveryValue(n: Int) {
        var g = SeededGenerator(seed: UInt64(n))
        var seen = Set<Int>()
        for _ in 0..<max(200, n * 20) {
            let v = g.int(below: n)
            #expect(v >= 0 && v < n)
            seen.insert(v)
        }
        #expect(seen.count == n)
    }

    @Test func shuffleIsAPermutationFixedBySeed() {
        let original = Array(0..<100)
        var a = original, b = original, c = original
        var g1 = SeededGenerator(seed: 11), g2 = SeededGenerator(seed: 11), g3 = SeededGenerator(seed: 12)
        g1.shuffle(&a); g2.shuffle(&b); g3.shuffle(&c)
        #expect(a.sorted() == original)
        #expect(a != original)
        #expect(a == b)
        #expect(a != c)
        var empty: [Int] = [], one = [5]
        g1.shuffle(&empty); g1.shuffle(&one)
        #expect(empty.isEmpty && one == [5])
    }

    @Test func shuffleReachesEveryPermutationOfThree() {
        var g = SeededGenerator(seed: 13)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<6_000 { var a = [0, 1, 2]; g.shuffle(&a); counts[a, default: 0] += 1 }
        #expect(counts.count == 6)
        #expect(counts.values.allSatisfy { (800...1_200).contains($0) }, "\(counts)")
    }
}

@Suite("Buffer")
struct BufferTests {
    @Test func releasedBufferIsReusedForTheSameCount() {
        // A cache of its own: the shared one may be at its cap while other tests run.
        let cache = BufferCache()
        let count = 77_731
        let first = cache.take(count)
        first.update(repeating: 7, count: count)
        cache.give(first, count: count)
        let again = cache.take(count)
        #expect(again == first)
        cache.give(again, count: count)
        #expect(Buffer(count: count).count == count)
    }

    @Test func releaseAllEmptiesTheCacheAndLaterTakesStillWork() {
        let cache = BufferCache()
        let blocks = [1_000, 2_000, 2_000].map { cache.take($0) }
        for (p, n) in zip(blocks, [1_000, 2_000, 2_000]) { cache.give(p, count: n) }
        #expect(cache.cachedBytes == 5_000 * 4)
        cache.releaseAll()
        #expect(cache.cachedBytes == 0)
        let fresh = cache.take(2_000)
        fresh.update(repeating: 1, count: 2_000)
        cache.give(fresh, count: 2_000)
        #expect(cache.cachedBytes == 2_000 * 4)
        cache.releaseAll()
    }

    /// Other suites share the buffer cache and may evict a block between the free and the take, so the
    /// reuse is tried a few times; every zeroed buffer must be all zeros, reused or not.
    @Test func zeroedClearsAReusedBlock() {
        let count = 77_733
        var reused = false
        for _ in 0..<20 where !reused {
            let first: UInt
            do {
                let b = Buffer(count: count)
                first = UInt(bitPattern: b.pointer)
                b.pointer.update(repeating: 3, count: count)
            }
            let z = Buffer.zeroed(count)
            reused = UInt(bitPattern: z.pointer) == first
            #expect(z.array.allSatisfy { $0 == 0 })
        }
        #expect(reused, "a freed block of the same size is taken again from the cache")
    }

    @Test func buffersAreAlignedAndHoldTheirValues() {
        for count in [0, 1, 3, 17, 1000] {
            let b = Buffer((0..<count).map(Float.init))
            #expect(b.count == count)
            #expect(UInt(bitPattern: b.pointer) % 64 == 0)
            #expect(b.array == (0..<count).map(Float.init))
            b.zero()
            #expect(b.array.allSatisfy { $0 == 0 })
        }
    }

    @Test func tensorsOverAFreshShapeStartAtZero() {
        let t = Tensor(zeros: [77_737])
        #expect(t.array.allSatisfy { $0 == 0 })
        #expect(Tensor(repeating: 2, shape: [3]).array == [2, 2, 2])
    }
}
