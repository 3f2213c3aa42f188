import Synchronization
import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one thread pool every parallel kernel runs on.
///
/// Sized to the machine's cores, or to `GRADBOOK_THREADS` when set. The caller of `parallelFor` works too,
/// so a pool of N threads starts N-1 workers. OpenBLAS is set to one thread: matrix products are split
/// into fixed row blocks and run on this pool, so BLAS threads and pool threads never compete for cores.
///
/// Kernels split work into blocks whose boundaries depend only on the problem's shape, never on the
/// thread count, so results are bit-identical with any number of threads.
public final class ThreadPool: @unchecked Sendable {
    /// The process-wide pool.
    public static let shared = ThreadPool(threads: ThreadPool.defaultThreadCount())

    /// Threads that run tasks, the caller included (see `setThreadCount`).
    public var threadCount: Int { active.load(ordering: .relaxed) }
    private let active = Atomic<Int>(1)
    private var started = 1            // guarded by mutex: workers started, plus the caller

    /// One parallelFor call. It points at the caller's closure instead of holding it: a worker may still
    /// hold the job after the call returned, but it only calls the body for a claimed index < count,
    /// and the caller returns only when every such index has finished.
    private final class Job: @unchecked Sendable {
        let count: Int
        let body: UnsafeRawPointer
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        init(count: Int, body: UnsafeRawPointer) { self.count = count; self.body = body }
        @inline(__always) func call(_ i: Int) { body.assumingMemoryBound(to: ((Int) -> Void).self).pointee(i) }
    }

    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    private var finished = pthread_cond_t()
    private var job: Job?            // guarded by mutex
    private var generation = 0       // guarded by mutex
    private let busy = Atomic<Bool>(false)

    /// Cores reported by the system, or `GRADBOOK_THREADS` when it holds a positive integer.
    public static func defaultThreadCount() -> Int {
        if let s = getenv("GRADBOOK_THREADS"), let n = Int(String(cString: s)), n > 0 { return min(n, 256) }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    init(threads: Int) {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        pthread_cond_init(&finished, nil)
        openblas_set_num_threads(1)
        setThreadCount(threads)
    }

    /// Uses `count` threads (the caller included) from the next parallel call on; starts workers as needed.
    /// Results do not depend on the count, only the speed does.
    public func setThreadCount(_ count: Int) {
        let n = max(1, min(count, 256))
        pthread_mutex_lock(&mutex)
        while started < n { startWorker(index: started); started += 1 }
        active.store(n, ordering: .relaxed)
        pthread_mutex_unlock(&mutex)
    }

    private func startWorker(index: Int) {
        let box = Unmanaged.passRetained(self)
        var tid = pthread_t()
        let context = UnsafeMutablePointer<(Unmanaged<ThreadPool>, Int)>.allocate(capacity: 1)
        context.initialize(to: (box, index))
        let rc = pthread_create(&tid, nil, { arg in
            let c = arg!.assumingMemoryBound(to: (Unmanaged<ThreadPool>, Int).self)
            let (box, index) = c.pointee
            c.deallocate()
            box.takeRetainedValue().workerLoop(index: index)
            return nil
        }, context)
        precondition(rc == 0, "could not start a pool thread")
        pthread_detach(tid)
    }

    /// Worker `index` (1-based; the caller is 0) takes part only while index < threadCount.
    private func workerLoop(index: Int) {
        var seen = 0
        while true {
            pthread_mutex_lock(&mutex)
            while generation == seen { pthread_cond_wait(&wake, &mutex) }
            seen = generation
            let current = job
            pthread_mutex_unlock(&mutex)
            if let current, index < threadCount { run(current) }
        }
    }

    private func run(_ job: Job) {
        var completed = 0
        while true {
            let i = job.next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= job.count { break }
            job.call(i)
            completed += 1
        }
        if completed > 0 {
            let total = job.done.wrappingAdd(completed, ordering: .acquiringAndReleasing).newValue
            if total == job.count {
                pthread_mutex_lock(&mutex)
                pthread_cond_broadcast(&finished)
                pthread_mutex_unlock(&mutex)
            }
        }
    }

    /// Runs `body(i)` for every i in 0..<count, spread over the pool; returns when all have finished.
    /// Nested or concurrent calls run serially on the calling thread (still correct, never deadlocks).
    public func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 || threadCount == 1
            || !busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            var closure = escaping
            withUnsafePointer(to: &closure) { pointer in
            let job = Job(count: count, body: UnsafeRawPointer(pointer))
            pthread_mutex_lock(&mutex)
            self.job = job
            generation &+= 1
            pthread_cond_broadcast(&wake)
            pthread_mutex_unlock(&mutex)
            run(job)
            pthread_mutex_lock(&mutex)
            while job.done.load(ordering: .acquiring) < count { pthread_cond_wait(&finished, &mutex) }
            self.job = nil
            pthread_mutex_unlock(&mutex)
            }
        }
        busy.store(false, ordering: .releasing)
    }

    /// Splits 0..<total into blocks of `blockSize` (the last may be shorter) and runs them in parallel.
    public func parallelBlocks(_ total: Int, blockSize: Int, _ body: (Range<Int>) -> Void) {
        let bs = max(1, blockSize)
        let blocks = (total + bs - 1) / bs
        parallelFor(blocks) { b in body(b * bs ..< min(total, (b + 1) * bs)) }
    }
}
