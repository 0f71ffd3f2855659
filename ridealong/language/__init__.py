"""Language algorithms: sentiment of short texts (`sentiment`), theme finding (`themes`) and
optional sentence embeddings (`embeddings`). The bottom of the stack: no Django, no app imports,
texts in and plain values out, so any app may use them."""
