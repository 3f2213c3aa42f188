// The registry of commands: every command type of the language, in documentation order (help lists
// them in this order within their groups). Adding a command is one file under Sources/Notebook/Commands/
// and one line here.

public enum CommandRegistry {
    /// Every command type.
    public static let entries: [any CommandEntry.Type] = [
        // Environment
        Seed.self, Threads.self, HelpCommand.self, Quit.self,
        Restart.self,
        // Data
        LoadFashionMNIST.self, LoadIDX.self, LoadShapes.self, LoadImages.self,
        MakeFashionPNG.self, MakeShapesRGB.self, Augment.self, ShowAugment.self,
        LoadSequences.self, LoadText.self, LoadPoints.self,
        Split.self, Batch.self, Shuffle.self, Info.self, Names.self, ShowSamples.self, ShowTokens.self, Use.self,
        // Model
        MakeModel.self, LayerLine.self, Insert.self, Remove.self, Replace.self, Freeze.self, Unfreeze.self, Summary.self,
        Prune.self, Quantize.self,
        // Training
        Compile.self, SetHyperparameters.self, Step.self, Train.self, Evaluate.self, Expect.self, Predict.self, Generate.self, Confusion.self, History.self,
        GenerateImages.self, TrainGAN.self,
        // Inspection
        Stats.self, Explain.self, ShowWeights.self, ShowFilters.self, ShowActivations.self, Chart.self, ShowEmbeddings.self, ShowErrors.self, Export.self, Profile.self,
        ShowAttention.self, WatchAttention.self, ShowBoundary.self, WatchBoundary.self, ShowNeurons.self, WatchOff.self, ShowSaliency.self, ShowGradCAM.self,
        ShowReconstructions.self, ShowLatent.self, WatchSamples.self,
        // Persistence
        SaveWeights.self, LoadWeights.self, ExportKeras.self, ExportPyTorch.self, SaveSession.self, SaveTranscript.self, RunFile.self,
        SaveNotebook.self,
    ]

    /// Every spec, each linked to the type that parses and runs it.
    public static let specs: [CommandSpec] = entries.flatMap { type in
        type.specs.map { spec in
            var linked = spec
            linked.entry = type
            return linked
        }
    }
}
