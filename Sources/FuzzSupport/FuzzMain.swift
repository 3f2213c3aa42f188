import CFuzzDriver
import Foundation

/// A fuzz target's entry point: called with each input's bytes, returns 0.
public typealias FuzzEntry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// The `main` of every fuzz target. Built with `-sanitize=fuzzer,address -DFUZZING` (scripts/fuzz.sh)
/// it hands the command line to libFuzzer (`FuzzParser -max_total_time=30 CORPUS`); a plain build
/// instead replays each file named on the command line, or every file in a named folder, and prints
/// `ok NAME` after each (a crash stops it at the culprit).
public enum FuzzMain {
    public static func run(_ entry: FuzzEntry) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let listed = try? FileManager.default.contentsOfDirectory(atPath: path)
            let names = listed?.sorted().map { path + "/" + $0 } ?? [path]
            for name in names {
                guard let data = FileManager.default.contents(atPath: name) else {
                    print("cannot read \(name)")
                    exit(2)
                }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { entry($0.baseAddress, $0.count) }
                print("ok \(name)")
            }
        }
        exit(0)
        #endif
    }
}
