#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw, 64-byte aligned Float32 storage. The one audited place where raw memory crosses threads:
/// kernels split work over disjoint index ranges of a buffer, so no two workers write one element.
///
/// Freed buffers go back to `BufferCache`, keyed by element count: a training loop whose shapes repeat
/// every batch allocates nothing after its first batch.
public final class Buffer: @unchecked Sendable {
    /// First element. Valid for `count` elements while the buffer lives.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of Float32 elements.
    public let count: Int

    /// A buffer of `count` elements with unspecified contents (use `zeroed` when zeros are needed).
    public init(count: Int) {
        precondition(count >= 0, "buffer size must not be negative")
        self.count = count
        self.pointer = BufferCache.shared.take(count)
    }

    /// A buffer of `count` zeros.
    public static func zeroed(_ count: Int) -> Buffer {
        let b = Buffer(count: count)
        b.pointer.initialize(repeating: 0, count: count)
        return b
    }

    /// A buffer holding a copy of `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit { BufferCache.shared.give(pointer, count: count) }

    /// The elements as a Swift array (copies).
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Sets every element to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }
}

/// Free lists of aligned Float32 blocks by exact size, with a cap on what is kept.
final class BufferCache: Sendable {
    static let shared = BufferCache()
    /// Free blocks by size, kept as addresses so the state stays Sendable.
    private struct State { var free: [Int: [UInt]] = [:]; var cachedBytes = 0 }
    private let state = Locked(State())
    /// Above this many cached bytes freed blocks go back to the system.
    private let capBytes = 512 << 20

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let n = max(count, 1)
        let reused: UInt? = state.withLock { s in
            guard var list = s.free[n], let p = list.popLast() else { return nil }
            s.free[n] = list
            s.cachedBytes -= n * 4
            return p
        }
        if let address = reused, let p = UnsafeMutablePointer<Float>(bitPattern: address) { return p }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, n * MemoryLayout<Float>.stride) == 0, let raw else {
            fatalError("out of memory allocating \(n) floats")
        }
        return raw.bindMemory(to: Float.self, capacity: n)
    }

    func give(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let n = max(count, 1)
        let address = UInt(bitPattern: p)
        let kept = state.withLock { s -> Bool in
            guard s.cachedBytes + n * 4 <= capBytes else { return false }
            s.free[n, default: []].append(address)
            s.cachedBytes += n * 4
            return true
        }
        if !kept {
            #if canImport(Glibc)
            Glibc.free(p)
            #else
            Darwin.free(p)
            #endif
        }
    }

    /// Bytes held in free lists (for the benchmark's memory report).
    var cachedBytes: Int { state.withLock { $0.cachedBytes } }

    /// Gives every cached block back to the system.
    func releaseAll() {
        let addresses = state.withLock { s -> [UInt] in
            let all = s.free.values.flatMap { $0 }
            s.free = [:]
            s.cachedBytes = 0
            return all
        }
        for address in addresses {
            #if canImport(Glibc)
            Glibc.free(UnsafeMutableRawPointer(bitPattern: address))
            #else
            Darwin.free(UnsafeMutableRawPointer(bitPattern: address))
            #endif
        }
    }
}

/// A raw pointer that may be captured by pool tasks. Each task must touch a disjoint range.
public struct SharedPointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    @inline(__always) public subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
    @inline(__always) public func advanced(by n: Int) -> UnsafeMutablePointer<T> { base + n }
}

extension Buffer {
    /// Bytes the buffer cache holds in its free lists now (for `gradbook bench`'s memory report).
    public static var cachedBytes: Int { BufferCache.shared.cachedBytes }

    /// Gives the blocks the buffer cache holds back to the system (`gradbook bench` does between runs,
    /// so a run neither reuses nor counts an earlier run's blocks). Buffers in use are not touched.
    public static func releaseCached() { BufferCache.shared.releaseAll() }
}
