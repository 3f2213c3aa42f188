import Synchronization
@preconcurrency import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C presses not yet handled by the screen (SIGINT; the handler only counts).
let pendingInterrupts = Atomic<Int>(0)
/// SIGTERM or SIGHUP arrived: the screen ends at its next frame, restoring the terminal.
let terminationRequested = Atomic<Bool>(false)

/// Signal handlers of the notebook screen. Installed before `initscr`; the handlers only touch
/// atomics, except the crash handler, which restores the terminal (endwin) and re-raises.
enum TerminalSignals {
    static func install() {
        signal(SIGINT) { _ in
            pendingInterrupts.add(1, ordering: .relaxed)
        }
        signal(SIGTERM) { _ in
            terminationRequested.store(true, ordering: .relaxed)
        }
        signal(SIGHUP) { _ in
            terminationRequested.store(true, ordering: .relaxed)
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

    static var terminating: Bool { terminationRequested.load(ordering: .relaxed) }
}
