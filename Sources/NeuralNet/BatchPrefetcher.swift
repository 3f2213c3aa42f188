#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import TensorRuntime

/// Loads the next batches of an epoch on a background thread while the current one trains, so
/// training does not wait on data (decoding, augmentation) unless loading is slower than training.
///
/// The background thread gathers batches of `order[start..<end]` in order, `depth` ahead of the trainer
/// at most. It loads each batch's examples one after another on its own thread (`BatchLoader.batch(...,
/// parallel: false)`), so the shared pool stays with the training kernels. Batch contents depend only on
/// positions and the epoch seed, so prefetched batches are bit-identical to batches loaded in place.
/// A failure to load a batch is handed over with that batch: the trainer sees it when it asks for it.
///
/// ```swift
/// let prefetcher = BatchPrefetcher(loader: loader, order: order, range: 0..<order.count, batchSize: 32, epochSeed: s)
/// defer { prefetcher.cancel() }
/// while let (indices, batch) = try prefetcher.next() { ... }   // indices: a slice of `order`
/// ```
final class BatchPrefetcher {
    /// One loaded batch (or its failure), handed from the loading thread to the trainer. It is the only
    /// reference to its buffers, and the queue's lock orders the hand-over, so crossing threads is safe.
    private struct Loaded: @unchecked Sendable {
        let indices: ArraySlice<Int>
        let result: Result<Batch, any Error>
    }

    /// The loader, order and seed the thread reads. `TrainingData` methods are safe to call concurrently
    /// (see `TrainingData`) and nothing here is written after start, so sharing it is safe.
    fileprivate struct Work: @unchecked Sendable {
        let loader: BatchLoader
        let order: [Int]
        let range: Range<Int>
        let batchSize: Int
        let epochSeed: UInt64
    }

    private let job: PrefetchJob
    private var thread: pthread_t?
    private var remaining: Int
    /// Set when no thread could be started: `next()` then loads each batch itself.
    private var inPlacePosition: Int?

    /// Starts loading batches of `batchSize` from `order[range]`, at most `depth` ahead of the trainer.
    init(loader: BatchLoader, order: [Int], range: Range<Int>, batchSize: Int, epochSeed: UInt64, depth: Int = 2) {
        let size = max(1, batchSize)
        remaining = range.count / size + (range.count % size == 0 ? 0 : 1)
        job = PrefetchJob(work: Work(loader: loader, order: order, range: range, batchSize: size, epochSeed: epochSeed))
        for _ in 0..<max(1, depth) { job.tickets.push(true) }
        let context = Unmanaged.passRetained(job)
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            guard let arg else { return nil }
            Unmanaged<PrefetchJob>.fromOpaque(arg).takeRetainedValue().run()
            return nil
        }, context.toOpaque())
        if rc == 0 {
            thread = tid
        } else {
            context.release()
            inPlacePosition = range.lowerBound
        }
    }

    /// The next batch and its indices (a slice of the order), waiting for it if needed; nil after the last.
    /// Rethrows the batch's load failure.
    func next() throws -> (indices: ArraySlice<Int>, batch: Batch)? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        if let lower = inPlacePosition {
            let indices = job.work.indices(from: lower)
            inPlacePosition = indices.endIndex
            return (indices, try job.work.loader.batch(indices, epochSeed: job.work.epochSeed))
        }
        let loaded = job.ready.pop()
        job.tickets.push(true)
        return (loaded.indices, try loaded.result.get())
    }

    /// Stops the loading thread after the batch it is on and waits for it. Safe to call twice.
    func cancel() {
        guard let tid = thread else { return }
        job.cancelled.store(true, ordering: .releasing)
        job.tickets.push(true)
        pthread_join(tid, nil)
        thread = nil
        _ = job.ready.drain()
    }

    deinit { cancel() }

    /// What the loading thread runs, and everything it shares with the trainer's thread: two queues
    /// (batches one way, free slots the other) and the cancel flag.
    private final class PrefetchJob: Sendable {
        let work: Work
        let ready = BlockingQueue<Loaded>()
        let tickets = BlockingQueue<Bool>()
        let cancelled = Atomic<Bool>(false)

        init(work: Work) { self.work = work }

        /// Loads batch after batch, each after taking a free slot, until the range ends or cancel.
        func run() {
            // At idle priority (SCHED_IDLE): on a machine whose cores the kernels keep busy, loading takes the
            // gaps (serial parts of a step) instead of preempting a pool worker that a kernel waits for.
            var param = sched_param()
            _ = pthread_setschedparam(pthread_self(), 5 /* SCHED_IDLE */, &param)
            var lower = work.range.lowerBound
            while lower < work.range.upperBound {
                _ = tickets.pop()
                if cancelled.load(ordering: .acquiring) { return }
                let indices = work.indices(from: lower)
                let result = Result { try work.loader.batch(indices, epochSeed: work.epochSeed, parallel: false) }
                ready.push(Loaded(indices: indices, result: result))
                lower = indices.endIndex
            }
        }
    }
}

extension BatchPrefetcher.Work {
    /// The batch that starts at position `lower` of the order.
    func indices(from lower: Int) -> ArraySlice<Int> {
        order[lower ..< lower + min(batchSize, range.upperBound - lower)]
    }
}
