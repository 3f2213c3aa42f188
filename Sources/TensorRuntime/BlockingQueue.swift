#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A first-in, first-out queue that one thread can wait on while others push: the hand-over point
/// between a worker and whoever talks to it (the session runner's jobs, a run's events).
///
/// A pthread mutex and condition variable, like `Locked`, so ThreadSanitizer sees every hand-over.
/// Elements must be `Sendable`: only values that are safe to share cross threads through it.
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private var items: [Element] = []
    private var head = 0
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    public init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// Appends `element` and wakes one waiting reader.
    public func push(_ element: Element) {
        pthread_mutex_lock(&mutex)
        items.append(element)
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Removes and returns the oldest element, waiting until there is one.
    public func pop() -> Element {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while head == items.count {
            pthread_cond_wait(&condition, &mutex)
        }
        return take()
    }

    /// Removes and returns every element present now, without waiting (a UI's per-frame poll).
    public func drain() -> [Element] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        var result: [Element] = []
        while head < items.count {
            result.append(take())
        }
        return result
    }

    /// The number of elements waiting.
    public var count: Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return items.count - head
    }

    /// Takes the element at `head`; the caller holds the mutex. Storage is compacted once half is consumed.
    private func take() -> Element {
        let element = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return element
    }
}
