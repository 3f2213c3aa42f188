import TensorRuntime

/// `threads N`: how many CPU threads training may use; also names the kernels' instruction-set path.
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
        // The kernels' path (GRADBOOK_ISA or the CPU's best) changes the speed only, like the thread count.
        return [.text("using \(ThreadPool.shared.threadCount) thread\(count.value == 1 ? "" : "s")", style: .note),
                .text("kernels: the \(InstructionSet.current) path; results are the same for any thread count and path", style: .note)]
    }
}
