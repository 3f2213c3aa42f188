// The README's quickstart session on every instruction-set path this CPU has (GRADBOOK_ISA's choices:
// baseline, avx2, avx512 on x86-64; baseline, neon on arm64): the whole transcript, timings masked, is the
// same text on each, so the numbers the README quotes do not depend on the CPU's vector units.

import Foundation
import Notebook
import TensorRuntime
import TestSupport
import Testing

@Suite(.serialized) struct InstructionSetTranscriptTests {
    @Test func theQuickstartPrintsTheSameOnEveryPath() throws {
        let session = try String(contentsOf: packageRoot().appendingPathComponent("sessions/quickstart.grad"), encoding: .utf8)
        let paths = InstructionSet.available
        #expect(paths.count >= 2, "a baseline and at least one vector path")
        let transcripts = onEveryPath { isa -> String in
            let capture = TranscriptCapture(width: 80, options: .ascii)
            #expect(capture.run(session, file: "quickstart.grad") == 0, "\(isa): \(capture.errors)")
            return maskTimings(capture.output)
        }
        #expect(transcripts[0].contains("epoch 3 "))
        for (isa, text) in zip(paths, transcripts).dropFirst() {
            let a = transcripts[0].split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                Issue.record("\(isa) line \(i + 1) differs from \(paths[0]):\n  \(x)\n  \(y)")
            }
            #expect(a.count == b.count, "\(isa)")
        }
    }
}
