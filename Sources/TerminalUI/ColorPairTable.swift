/// Curses colour pairs handed out on demand: each distinct (foreground, background) gets the next
/// free pair number. When the terminal's pairs run out the table starts over; the caller must then
/// redraw the whole screen, since cells on screen may use a pair number that now means other colours.
struct ColorPairTable {
    /// A (foreground, background) in curses colour numbers, -1 for the default.
    struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Pairs usable: 1 ..< capacity + 1 (pair 0 is the terminal's default colours).
    let capacity: Int
    private var pairs: [Key: Int32] = [:]
    /// Times the table started over.
    private(set) var resets = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Pairs in use.
    var count: Int { pairs.count }

    /// The pair for `key`, and whether it is new (the caller then defines it with init_extended_pair)
    /// and whether the table started over first (the caller then redraws everything).
    mutating func pair(for key: Key) -> (pair: Int32, isNew: Bool, didReset: Bool) {
        if key.foreground == -1, key.background == -1 { return (0, false, false) }
        if let existing = pairs[key] { return (existing, false, false) }
        guard capacity > 0 else { return (0, false, false) }
        var didReset = false
        if pairs.count >= capacity {
            pairs.removeAll(keepingCapacity: true)
            resets += 1
            didReset = true
        }
        let number = Int32(pairs.count + 1)
        pairs[key] = number
        return (number, true, didReset)
    }
}
