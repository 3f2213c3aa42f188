/// `show boundary [from=SPLIT]`: the plane of a 2-D point set coloured by the model's prediction, with the
/// points on top.
public struct ShowBoundary: CommandEntry {
    public static let spec = CommandSpec(
        "show boundary", .inspection, "colour the plane by the model's prediction, with the points on top (2-D points)",
        options: [Catalog.splitChoice("from", "which split's points to draw", default: "train")],
        example: "show boundary from=validation",
        details: "Runs the model on a 64x64 grid over the plane of the current `load points` set and colours each place by the class it "
            + "predicts (a dark shade of the class colour, two places per character cell with half blocks; a fill character per class "
            + "without colour), or by the value it predicts for target=value. The first 2000 points of the split are drawn on top in "
            + "their class colour (a mark per class without colour); a line under it counts the points lying in the region of their own class. "
            + "The model must take inputs of shape [2]. watch boundary keeps it redrawn while training.")
    public static let effect = CommandEffect.readsSession
    public static let runsModel = true
    public func examplesAtOnce(_ session: Session) -> Int { Interpreter.planeResolution * Interpreter.planeResolution }

    public var from: Located<DataSplit>

    public init(_ a: Arguments) throws(Diagnostic) {
        from = try a.required("from")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.showBoundary(from: from, at: statement.verbRange)
    }
}
