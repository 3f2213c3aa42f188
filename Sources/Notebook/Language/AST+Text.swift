// Words of the text commands: the tokenizer kinds and the corpus names of `load text`.

import Datasets

extension Tokenizer.Kind: LanguageWord, CustomStringConvertible {}
extension TextCorpus: LanguageWord, CustomStringConvertible {}
