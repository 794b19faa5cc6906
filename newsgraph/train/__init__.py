"""Training the optional statistical backends on data the user has locally.

Nothing here is needed by the default pipeline: no model can be downloaded on an
air-gapped machine, so a model is trained from the user's own annotated files and then
plugged into the pipeline beside the shipped knowledge base (see
:mod:`newsgraph.annotate.ner_model`).
"""
