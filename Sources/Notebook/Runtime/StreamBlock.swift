/// Text that grows while a command produces it (`generate`): shown as it comes, token by token.
///
/// A command emits one block per step with everything so far (`done` false) and returns the whole
/// text (`done` true). The notebook replaces the shown block with each newer one; a headless transcript
/// writes only what is new, then a newline when it is done. Only the finished block is kept in saved
/// transcripts.
public struct StreamBlock: Sendable, Equatable {
    /// Given text the stream continues (shown dim): a prompt.
    public var prompt: String
    /// What was produced so far.
    public var text: String
    /// The last block of the stream.
    public var done: Bool

    public init(prompt: String, text: String, done: Bool) {
        self.prompt = prompt
        self.text = text
        self.done = done
    }
}
