/// The heat maps `watch attention` drew for one model, oldest first, kept so that `show attention history`
/// can replay how a pattern formed (an epoch of a small lesson takes a tenth of a second: too fast to see).
///
/// Bounded: at most `capacity` frames. When one more would not fit, every second frame is dropped and only
/// every second drawing is kept from then on (the spacing doubles), so the frames always span the whole
/// watch, evenly, from the first drawing to the latest (which is always kept). A frame of the lesson's
/// two 8x8 heads is about 1 KB; the model view of 4 layers x 4 heads over 64 tokens about 0.5 MB.
public struct AttentionFrames: Sendable, Equatable {
    /// The most frames kept per model.
    public static let capacity = 48

    /// One drawing kept: its number among the drawings (0 for the first) and the heat map.
    public struct Frame: Sendable, Equatable {
        public var drawing: Int
        public var view: AttentionView
    }

    /// The frames kept, oldest first.
    public private(set) var frames: [Frame] = []
    /// Drawings made so far (a redraw at the same batch replaces the frame before it and is not counted).
    public private(set) var drawings = 0
    /// Every how many drawings a frame is kept for good (the latest is kept whatever its number).
    public private(set) var spacing = 1

    public init() {}

    /// Adds the drawing `view` (taken after the frames before it).
    public mutating func add(_ view: AttentionView) {
        if let last = frames.last, last.view.epoch == view.epoch, last.view.batch == view.batch {
            frames[frames.count - 1].view = view
            return
        }
        // The latest frame stays only while it is the latest, unless it falls on the spacing.
        if let last = frames.last, last.drawing % spacing != 0 {
            frames.removeLast()
        }
        frames.append(Frame(drawing: drawings, view: view))
        drawings += 1
        while frames.count > Self.capacity {
            spacing *= 2
            let newest = frames.count - 1
            frames = frames.enumerated().filter { $0.offset == newest || $0.element.drawing % spacing == 0 }.map(\.element)
        }
    }
}
