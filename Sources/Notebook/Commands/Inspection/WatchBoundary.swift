/// `watch boundary [from=SPLIT] [every=N]`: the decision boundary kept in the live panel and redrawn while training.
public struct WatchBoundary: CommandEntry {
    public static let spec = CommandSpec(
        "watch boundary", .inspection, "keep the decision boundary in the live panel, redrawn while training (2-D points)",
        options: [
            Catalog.splitChoice("from", "which split's points to draw", default: "train"),
            ParameterSpec("every", .integer, "redraw every N batches as well as at epoch ends", note: "epoch ends only", range: .between(1, Limits.count)),
            ParameterSpec("epochs", .integer, "draw (and print, headless) at every K-th epoch end only", default: "1", range: .between(1, Limits.epochs), placeholder: "K"),
        ],
        example: "watch boundary every=8 epochs=25",
        details: "The picture of show boundary, computed on the training thread (no weights change) and refreshed at each epoch end, or "
            + "every N batches; a headless run draws and prints it at epoch ends only (every= applies to the notebook's live panel). "
            + "epochs=K keeps a long training's transcript short: the picture is drawn at every K-th epoch end (the 300 epochs a spiral needs, at epochs=50, print six). Each picture is titled epoch E, batch B/NB as the progress line numbers it. The live panel shows a watched attention heat "
            + "map instead when there is one. watch off stops.")
    public static let effect = CommandEffect.changesDisplay
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int { Interpreter.planeResolution * Interpreter.planeResolution }

    public var from: Located<DataSplit>
    /// Also redraw every this many batches; nil: at epoch ends only.
    public var every: Located<Int>?
    /// Draw at every this many epoch ends.
    public var epochs: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        from = try a.required("from")
        every = a.optional("every")
        epochs = try a.required("epochs")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.watchBoundary(self, at: statement.verbRange)
    }
}
