import Synchronization
@preconcurrency import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C presses not yet handled by the screen (SIGINT; the handler only counts).
let pendingInterrupts = Atomic<Int>(0)
/// The SIGTERM or SIGHUP that arrived (0: none): the screen ends at its next frame, restoring the
/// terminal, and the process exits with 128 + that number, as a shell reports a death by signal.
let terminationSignal = Atomic<Int32>(0)

/// Signal handlers of the notebook screen. Installed before `initscr`; the handlers only touch
/// atomics, except the crash handler, which restores the terminal (endwin) and re-raises.
enum TerminalSignals {
    static func install() {
        signal(SIGINT) { _ in
            pendingInterrupts.add(1, ordering: .relaxed)
        }
        signal(SIGTERM) { number in
            terminationSignal.store(number, ordering: .relaxed)
        }
        signal(SIGHUP) { number in
            terminationSignal.store(number, ordering: .relaxed)
        }
        for crash in [SIGSEGV, SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGTRAP] {
            signal(crash) { number in
                // modifyOtherKeys back to the default (Terminal.modifyOtherKeysOff), then the screen.
                _ = write(STDOUT_FILENO, "\u{1B}[>4m", 5)
                endwin()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Takes the Ctrl-C presses since the last call.
    static func takeInterrupts() -> Int {
        pendingInterrupts.exchange(0, ordering: .relaxed)
    }

    static var terminating: Bool { terminationSignal.load(ordering: .relaxed) != 0 }

    /// The exit status after the screen ended: 128 + the terminating signal, or 0.
    static var exitStatus: Int32 {
        let number = terminationSignal.load(ordering: .relaxed)
        return number == 0 ? 0 : 128 + number
    }
}
