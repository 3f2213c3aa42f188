/// `train N [early_stop=N] [monitor=...] [checkpoint=FILE]`: N epochs on the current data.
public struct Train: CommandEntry {
    public static let spec = CommandSpec(
        "train", .training, "train for N epochs",
        positionals: [ParameterSpec("epochs", .integer, "number of epochs", required: true, range: .between(1, Limits.epochs), placeholder: "N")],
        options: [
            ParameterSpec("early_stop", .integer, "stop after N epochs without improvement", note: "off", range: .between(1, Limits.epochs)),
            ParameterSpec("monitor", .choice(noun: "monitor", words: Monitor.words), "quantity watched by early_stop and checkpoint",
                          default: "val_loss", placeholder: "val_loss|val_accuracy|loss|accuracy"),
            ParameterSpec("checkpoint", .path, "save the best weights to this file", note: "no checkpoint"),
        ],
        example: "train 10 early_stop=3 checkpoint=out/best.safetensors",
        details: "Each epoch ends with a pass over the validation split when the data has one (the val_ columns), never over "
            + "the test split. early_stop or checkpoint watching val_loss or val_accuracy on data without a validation split "
            + "is refused: hold part of the training data out with `split validation=0.1` first, or watch monitor=loss.")
    public static let effect = CommandEffect.changesModel
    public static let runsModel = true
    /// One training batch.
    public func examplesAtOnce(_ session: Session) -> Int { ModelFit.trainingBatch(session) }

    public var epochs: Located<Int>
    public var earlyStop: Located<Int>?
    public var monitor: Located<Monitor>
    public var checkpoint: Located<String>?

    public init(_ a: Arguments) throws(Diagnostic) {
        epochs = try a.required("epochs")
        earlyStop = a.optional("early_stop")
        monitor = try a.required("monitor")
        checkpoint = a.optional("checkpoint")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        try context.train(self, statement)
    }
}
