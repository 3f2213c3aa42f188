import TensorRuntime

/// `threads N`: how many CPU threads training may use.
public struct Threads: CommandEntry {
    public static let spec = CommandSpec(
        "threads", .environment, "set how many CPU threads training may use",
        positionals: [ParameterSpec("count", .integer, "number of threads", required: true, range: .between(1, Limits.threads), placeholder: "N")],
        example: "threads 4")
    public static let effect = CommandEffect.changesSession

    public var count: Located<Int>

    public init(_ a: Arguments) throws(Diagnostic) {
        count = try a.required("count")
    }

    public func run(_ context: Interpreter, _ statement: Statement) throws -> [OutputBlock] {
        ThreadPool.shared.setThreadCount(count.value)
        return [.text("using \(ThreadPool.shared.threadCount) thread\(count.value == 1 ? "" : "s")", style: .note)]
    }
}
