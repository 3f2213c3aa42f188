/// Attention weights prepared for display: the heads (or layers x heads) of one example, with their
/// labels. `show attention` draws one; `watch attention` hands one from the worker to the live panel
/// through `WatchedAttention`.
public struct AttentionView: Sendable, Equatable {
    /// What is shown: `attention_1 head 0, test #3`.
    public var title: String
    /// One caption per matrix (`head 0`).
    public var captions: [String]
    /// weights[matrix][query][key].
    public var weights: [[[Double]]]
    /// Labels of the queries (rows) and keys (columns): tokens or positions.
    public var queryLabels: [String]
    public var keyLabels: [String]
    /// When it was taken, numbered as the progress line numbers it: the epoch in progress (1-based; the one
    /// just finished at an epoch end; 0 before training), the batches done of it and its batch count.
    public var epoch: Int
    public var batch: Int
    public var batches: Int

    public init(title: String, captions: [String], weights: [[[Double]]], queryLabels: [String], keyLabels: [String],
                epoch: Int = 0, batch: Int = 0, batches: Int = 0) {
        self.title = title
        self.captions = captions
        self.weights = weights
        self.queryLabels = queryLabels
        self.keyLabels = keyLabels
        self.epoch = epoch
        self.batch = batch
        self.batches = batches
    }

    /// `epoch 2, batch 12/16` as the progress line says it; `before training` at epoch 0.
    public var when: String {
        epoch == 0 ? "before training" : "epoch \(epoch), batch \(batch)/\(batches)"
    }
}
